package se.gransnav.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import se.gransnav.HubIntegrationTestSupport;
import se.gransnav.HubProcess;
import se.gransnav.TestIdentityNumbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mutual TLS for partners, end to end: the hub in a JVM of its own with {@code server.ssl} on
 * (a key store with its certificate, a trust store with the CA of partners' client certificates,
 * {@code client-auth: want}) and partners that pin client certificates in partners.yml. Every
 * certificate is made by this test with the JDK's keytool: a CA, the hub's certificate (for
 * 127.0.0.1), client certificates of two partners and of nobody from that CA, and one from a CA
 * the hub does not trust.
 *
 * <p>Its own JVM, not the shared test context: a second hub in the integration tests' JVM would
 * register its broker's JMX names over theirs.
 */
class MutualTlsIntegrationTest {

    private static final String PASSWORD = "test-store-password";
    /** Partner with key and certificate; a key alone works too. */
    private static final String PARTNER_A = "it-mtls-a";
    private static final String KEY_A = "it-mtls-a-partner-key-0000000000000000000000000001";
    /** Partner with key and certificate that must present its certificate. */
    private static final String PARTNER_B = "it-mtls-b";
    private static final String KEY_B = "it-mtls-b-partner-key-0000000000000000000000000002";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static HubProcess hub;
    private static SSLContext certificateA;
    private static SSLContext certificateB;
    private static SSLContext trustedButPinnedForNobody;
    private static SSLContext fromAnUntrustedCa;
    private static SSLContext noCertificate;

    @BeforeAll
    static void startHubWithTls() throws Exception {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        Keytool keytool = new Keytool(pki);
        keytool.ca("partner-ca");
        keytool.ca("other-ca");
        keytool.issued("hub", "partner-ca", "CN=localhost", "san=dns:localhost,ip:127.0.0.1", "eku=serverAuth");
        for (String client : List.of("client-a", "client-b", "client-nobody")) {
            keytool.issued(client, "partner-ca", "CN=" + client + ",O=Gransnav tests", "eku=clientAuth");
        }
        keytool.issued("client-rogue", "other-ca", "CN=client-rogue,O=Gransnav tests", "eku=clientAuth");
        keytool.run("-importcert", "-noprompt", "-alias", "partner-ca", "-file", "partner-ca.pem",
                "-keystore", "hub-trust.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);

        Path partners = dir.resolve("partners.yml");
        Files.writeString(partners, Files.readString(Path.of("config/partners.yml")).stripTrailing() + """

                  - id: %s
                    name: Integration tests' partner with a key and a client certificate
                    organisationType: AME
                    municipality: "1482"
                    channels: [HTTP]
                    messageTypes: [STATUS_UPDATE]
                    apiKeyHashes: [%s]
                    clientCertificates: [%s]

                  - id: %s
                    name: Integration tests' partner that must present its client certificate
                    organisationType: AME
                    municipality: "1482"
                    channels: [HTTP]
                    messageTypes: [STATUS_UPDATE]
                    apiKeyHashes: [%s]
                    clientCertificates: ["%s"]
                    requireClientCertificate: true
                """.formatted(PARTNER_A, PartnerRegistry.hashForConfig(KEY_A), keytool.fingerprint("client-a"),
                PARTNER_B, PartnerRegistry.hashForConfig(KEY_B), keytool.opensslStyleFingerprint("client-b")));

        certificateA = keytool.clientContext("client-a");
        certificateB = keytool.clientContext("client-b");
        trustedButPinnedForNobody = keytool.clientContext("client-nobody");
        fromAnUntrustedCa = keytool.clientContext("client-rogue");
        noCertificate = keytool.clientContext(null);

        Path data = Files.createDirectories(dir.resolve("data"));
        hub = new HubProcess(data,
                "--gransnav.registry.partners=file:" + partners,
                "--server.ssl.bundle=hub",
                "--server.ssl.client-auth=want",
                "--spring.ssl.bundle.jks.hub.key.alias=hub",
                "--spring.ssl.bundle.jks.hub.keystore.location=file:" + pki.resolve("hub.p12"),
                "--spring.ssl.bundle.jks.hub.keystore.password=" + PASSWORD,
                "--spring.ssl.bundle.jks.hub.keystore.type=PKCS12",
                "--spring.ssl.bundle.jks.hub.truststore.location=file:" + pki.resolve("hub-trust.p12"),
                "--spring.ssl.bundle.jks.hub.truststore.password=" + PASSWORD,
                "--spring.ssl.bundle.jks.hub.truststore.type=PKCS12")
                .overHttps(client(noCertificate))
                .start();
    }

    @AfterAll
    static void stopHub() throws Exception {
        if (hub != null) {
            hub.stop();
            hub.keepLogs("mutual-tls-logs");
        }
    }

    @Test
    void aPinnedCertificateAloneIsItsPartnerAlsoForTracking() throws Exception {
        HttpResponse<String> accepted = post(certificateA, null, message("MTLS-A-1", null));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        // Tomcat warns at start that JSSE's TLS 1.3 has no post-handshake authentication; the
        // certificate comes in the handshake itself, so TLS 1.3 serves certificates all the same.
        assertThat(accepted.sslSession().map(SSLSession::getProtocol)).contains("TLSv1.3");
        String trackingId = json(accepted.body()).path("trackingId").asText();

        HttpResponse<String> tracking = get(certificateA, null, "/api/v1/messages/" + trackingId);
        assertThat(tracking.statusCode()).isEqualTo(200);
        assertThat(json(tracking.body()).path("partnerId").asText()).isEqualTo(PARTNER_A);
        assertThat(json(tracking.body()).path("messageId").asText()).isEqualTo("MTLS-A-1");

        assertThat(get(certificateB, null, "/api/v1/messages/" + trackingId).statusCode())
                .as("another partner's certificate sees nothing of it").isEqualTo(404);
    }

    @Test
    void aCertificateWithItsOwnPartnersKeyIsThatPartner() throws Exception {
        assertThat(post(certificateA, KEY_A, message("MTLS-A-2", null)).statusCode()).isEqualTo(202);
        assertThat(post(certificateB, KEY_B, message("MTLS-B-1", null)).statusCode()).isEqualTo(202);
    }

    @Test
    void aCertificateOfOnePartnerWithTheKeyOfAnotherIs401() throws Exception {
        HttpResponse<String> response = post(certificateA, KEY_B, message("MTLS-MIXED-1", null));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(post(certificateB, KEY_A, message("MTLS-MIXED-2", null)).statusCode()).isEqualTo(401);
        assertThat(get(certificateA, KEY_B, "/api/v1/messages/00000000-0000-0000-0000-000000000000").statusCode())
                .as("tracking").isEqualTo(401);
    }

    @Test
    void aPartnerThatMustPresentItsCertificateIs401WithItsKeyAlone() throws Exception {
        assertThat(post(noCertificate, KEY_B, message("MTLS-B-KEY-ONLY", null)).statusCode()).isEqualTo(401);
        assertThat(post(certificateB, null, message("MTLS-B-CERT-ONLY", null)).statusCode()).isEqualTo(202);
    }

    @Test
    void partnersWithoutCertificatesGoOnWithTheirKeysOverTls() throws Exception {
        assertThat(post(noCertificate, KEY_A, message("MTLS-A-KEY-ONLY", null)).statusCode()).isEqualTo(202);
        assertThat(post(noCertificate, HubIntegrationTestSupport.KUNGALV_AME_KEY, message("MTLS-DEMO-1", null))
                .statusCode()).as("a demo partner with no certificate configured").isEqualTo(202);
        assertThat(post(noCertificate, null, message("MTLS-NOTHING", null)).statusCode())
                .as("neither key nor certificate").isEqualTo(401);
    }

    @Test
    void aTrustedCertificatePinnedForNoPartnerIs401EvenWithAGoodKey() throws Exception {
        assertThat(post(trustedButPinnedForNobody, null, message("MTLS-NOBODY-1", null)).statusCode()).isEqualTo(401);
        assertThat(post(trustedButPinnedForNobody, KEY_A, message("MTLS-NOBODY-2", null)).statusCode()).isEqualTo(401);
        assertThat(post(trustedButPinnedForNobody, HubIntegrationTestSupport.KUNGALV_AME_KEY,
                message("MTLS-NOBODY-3", null)).statusCode()).isEqualTo(401);
    }

    /**
     * The client here presents its certificate whatever CAs the hub names in its request for one
     * (a JDK client would otherwise send none, and be a key-only client). The hub's trust manager
     * refuses it during the handshake (alert certificate_unknown: its issuer is not in the trust
     * store), so no request reaches the hub at all, whatever key comes with it.
     */
    @Test
    void aCertificateFromAnUntrustedCaIsRefusedInTheHandshake() {
        assertThatThrownBy(() -> post(fromAnUntrustedCa, KEY_A, message("MTLS-ROGUE-1", null)))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("certificate_unknown");
    }

    @Test
    void aBodyNamingAnotherPartnerIsHub011WithCertificateAuthentication() throws Exception {
        HttpResponse<String> response = post(certificateA, null, message("MTLS-CLAIM-1", PARTNER_B));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response.body()).path("errors").findValuesAsText("code")).containsExactly("HUB-011");
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static byte[] message(String messageId, String claimedPartner) throws IOException {
        ObjectNode message;
        try (InputStream in = MutualTlsIntegrationTest.class.getResourceAsStream("/samples/canonical-status-exit.json")) {
            message = (ObjectNode) JSON.readTree(in);
        }
        message.put("messageId", messageId);
        ((ObjectNode) message.path("participant")).put("personalIdentityNumber", TestIdentityNumbers.fresh());
        if (claimedPartner != null) {
            message.putObject("hub").put("partnerId", claimedPartner);
        }
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static HttpResponse<String> post(SSLContext tls, String key, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri("/api/v1/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return client(tls).send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(SSLContext tls, String key, String path)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return client(tls).send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    /** Certificates and stores made with the JDK's keytool, all PKCS12 in one folder. */
    private static final class Keytool {

        private final Path folder;

        Keytool(Path folder) {
            this.folder = folder;
        }

        void run(String... arguments) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("keytool %s:%n%s", command, output).isZero();
        }

        /** A self-signed CA in {@code <name>.p12}, its certificate in {@code <name>.pem}. */
        void ca(String name) throws IOException, InterruptedException {
            run("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + name + ",O=Gransnav tests", "-ext", "bc:c", "-validity", "2",
                    "-keystore", name + ".p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
            run("-exportcert", "-rfc", "-alias", name, "-file", name + ".pem",
                    "-keystore", name + ".p12", "-storepass", PASSWORD);
        }

        /** A key in {@code <name>.p12} (alias {@code name}) with a certificate that {@code ca} issued. */
        void issued(String name, String ca, String dname, String... extensions) throws IOException, InterruptedException {
            String store = name + ".p12";
            run("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                    "-validity", "2", "-keystore", store, "-storetype", "PKCS12", "-storepass", PASSWORD);
            run("-certreq", "-alias", name, "-file", name + ".csr", "-keystore", store, "-storepass", PASSWORD);
            List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", ca, "-keystore", ca + ".p12",
                    "-storepass", PASSWORD, "-infile", name + ".csr", "-outfile", name + ".pem", "-rfc",
                    "-validity", "2"));
            for (String extension : extensions) {
                gencert.addAll(List.of("-ext", extension));
            }
            run(gencert.toArray(String[]::new));
            run("-importcert", "-noprompt", "-alias", ca, "-file", ca + ".pem",
                    "-keystore", store, "-storepass", PASSWORD);
            run("-importcert", "-noprompt", "-alias", name, "-file", name + ".pem", "-keystore", store,
                    "-storepass", PASSWORD);
            run("-exportcert", "-alias", name, "-file", name + ".der", "-keystore", store, "-storepass", PASSWORD);
        }

        /** sha256:<hex> of the DER certificate keytool exported: what README tells operators to compute. */
        String fingerprint(String name) throws Exception {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(folder.resolve(name + ".der"))));
        }

        /** The same, as openssl and keytool print it (upper case, colons), which partners.yml accepts too. */
        String opensslStyleFingerprint(String name) throws Exception {
            String hex = fingerprint(name).substring("sha256:".length()).toUpperCase(java.util.Locale.ROOT);
            StringBuilder pairs = new StringBuilder();
            for (int i = 0; i < hex.length(); i += 2) {
                pairs.append(i == 0 ? "" : ":").append(hex, i, i + 2);
            }
            return "sha256:" + pairs;
        }

        /**
         * A client that trusts the partner CA (which issued the hub's certificate) and presents the
         * key and certificate in {@code <name>.p12}, or none when {@code name} is null.
         */
        SSLContext clientContext(String name) throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(folder.resolve("partner-ca.pem"))) {
                trust.setCertificateEntry("partner-ca",
                        java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManager[] keyManagers = null;
            if (name != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(folder.resolve(name + ".p12"))) {
                    keys.load(in, PASSWORD.toCharArray());
                }
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(keys, PASSWORD.toCharArray());
                keyManagers = new KeyManager[] {new AlwaysPresent((X509ExtendedKeyManager) factory.getKeyManagers()[0], name)};
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers.getTrustManagers(), null);
            return context;
        }
    }

    /** Presents its one key whatever issuers the server asks for. */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {

        private final X509ExtendedKeyManager keys;
        private final String alias;

        AlwaysPresent(X509ExtendedKeyManager keys, String alias) {
            this.keys = keys;
            this.alias = alias;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return alias;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return alias;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {alias};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
