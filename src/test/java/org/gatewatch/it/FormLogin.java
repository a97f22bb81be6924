package org.gatewatch.it;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Logs a browser in through GateWatch's login form, as a person does: open a page, get the form, fill it in. */
public final class FormLogin {

    private FormLogin() {
    }

    /** Opens {@code url} and, when the login form answers instead, logs in as {@code user} and waits for the page. */
    public static void open(WebDriver driver, String url, ItUsers user) {
        driver.get(url);
        List<WebElement> name = driver.findElements(By.name("j_username"));
        if (name.isEmpty()) {
            return;
        }
        name.get(0).sendKeys(user.userName());
        WebElement password = driver.findElement(By.name("j_password"));
        password.sendKeys(ItUsers.PASSWORD);
        password.submit();
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.name("j_username")).isEmpty());
    }
}
