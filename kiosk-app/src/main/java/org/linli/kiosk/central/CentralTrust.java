package org.linli.kiosk.central;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS to a central whose certificate comes from the project's own CA (central-broker-config's {@code tls.sh}),
 * which no JVM trusts by itself. The kiosk's only HTTPS peer is its central, so the CA becomes the default of every
 * {@link HttpsURLConnection} the kiosk opens ({@link CentralClient}, {@link EventStream}); host names are still
 * checked against the certificate.
 */
public final class CentralTrust {
    private CentralTrust() {
    }

    /** Trusts only the CA certificates in the PEM file from now on. */
    public static void trustOnly(Path caFile) throws IOException {
        HttpsURLConnection.setDefaultSSLSocketFactory(context(caFile).getSocketFactory());
    }

    static SSLContext context(Path caFile) throws IOException {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            if (i == 0) {
                throw new IOException(caFile + " holds no certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(caFile + " is not a PEM CA certificate: " + e.getMessage(), e);
        }
    }
}
