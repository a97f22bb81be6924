<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%-- The FORM login page: the container shows it in place of a protected page (and again with ?failed=1 after a
     wrong name or password), and handles the post to j_security_check itself. No script, so nothing to allow. --%>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>GateWatch · Log in</title>
  <link rel="stylesheet" href="${ctx}/static/css/gatewatch.css">
</head>
<body>
<header class="bar">
  <span class="brand">GateWatch</span>
</header>
<main class="page login">
  <section class="panel">
    <h1>Log in</h1>
    <c:if test="${not empty param.failed}">
      <p class="field-error" role="alert" id="login-error">Wrong user name or password.</p>
    </c:if>
    <form class="stack" method="post" action="${ctx}/j_security_check" id="login">
      <label for="j_username">User name</label>
      <input id="j_username" name="j_username" autocomplete="username" autocapitalize="none" spellcheck="false"
             required autofocus>
      <label for="j_password">Password</label>
      <input id="j_password" name="j_password" type="password" autocomplete="current-password" required>
      <button type="submit">Log in</button>
    </form>
  </section>
</main>
</body>
</html>
