package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate for 127.0.0.1 made for one test run with the JDK's own keytool, written out as the two PEM files
 * nginx reads, and the client side that trusts exactly it (a JDK {@link SSLContext}, Chromium's SPKI pin).
 */
public final class SelfSignedCertificate {

    private static final String ALIAS = "gatewatch-it";
    private static final char[] STORE_PASSWORD = "it-store-secret".toCharArray();

    private final Path certificatePem;
    private final Path privateKeyPem;
    private final X509Certificate certificate;

    private SelfSignedCertificate(Path certificatePem, Path privateKeyPem, X509Certificate certificate) {
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
        this.certificate = certificate;
    }

    /** Makes a new key pair and certificate (CN and SAN 127.0.0.1, valid two days) into {@code dir}. */
    public static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path store = dir.resolve("it.p12");
        Files.deleteIfExists(store);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool did not finish within 60 s: " + out);
        }
        assertEquals(0, p.exitValue(), () -> "keytool failed: " + out);
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, STORE_PASSWORD);
            PrivateKey key = (PrivateKey) ks.getKey(ALIAS, STORE_PASSWORD);
            X509Certificate cert = (X509Certificate) ks.getCertificate(ALIAS);
            Path certPem = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
            Path keyPem = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
            return new SelfSignedCertificate(certPem, keyPem, cert);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key store keytool made", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public Path certificatePem() {
        return certificatePem;
    }

    public Path privateKeyPem() {
        return privateKeyPem;
    }

    /** TLS that trusts this certificate and nothing else, for the JDK's HttpClient and sockets. */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context for the test certificate", e);
        }
    }

    /**
     * The base64 SHA-256 of the public key, for Chromium's {@code --ignore-certificate-errors-spki-list}: the browser
     * then accepts this one certificate as if a known authority had signed it, and no other.
     */
    public String spkiSha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
