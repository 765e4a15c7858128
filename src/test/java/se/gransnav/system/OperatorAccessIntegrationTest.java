package se.gransnav.system;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import se.gransnav.HubIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator sees: health, and Hawtio with every Camel route and its statistics, after login. */
class OperatorAccessIntegrationTest extends HubIntegrationTestSupport {

    private HttpResponse<String> getAs(String user, String password, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request.build());
    }

    @Test
    void healthIsOpenButItsDetailsAreForOperators() {
        HttpResponse<String> anonymous = getAs(null, null, "/actuator/health");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(json(anonymous.body()).path("status").asText()).isEqualTo("UP");
        assertThat(json(anonymous.body()).has("components")).isFalse();

        JsonNode detailed = json(getAs("viewer", "viewer-demo", "/actuator/health").body());
        assertThat(detailed.at("/components/jms/status").asText()).as("broker").isEqualTo("UP");
        assertThat(detailed.at("/components/db/status").asText()).as("database").isEqualTo("UP");
    }

    @Test
    void hawtioNeedsALogin() {
        HttpResponse<String> browser = send(HttpRequest.newBuilder(uri("/actuator/hawtio/"))
                .header("Accept", "text/html").GET().build());
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(getAs(null, null, "/actuator/jolokia/version").statusCode()).isEqualTo(401);
        assertThat(getAs("viewer", "wrong", "/actuator/jolokia/version").statusCode()).isEqualTo(401);
        // A partner key opens nothing here.
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/jolokia/version"))
                .header("Authorization", "Bearer " + KUNGALV_AME_KEY).GET().build()).statusCode()).isEqualTo(401);
    }

    @Test
    void anOperatorSeesHawtioAndEveryRouteWithItsStatistics() {
        HttpResponse<String> console = getAs("viewer", "viewer-demo", "/actuator/hawtio/");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).containsIgnoringCase("hawtio");

        JsonNode routes = json(getAs("viewer", "viewer-demo",
                "/actuator/jolokia/search/org.apache.camel:type=routes,*").body());
        assertThat(routes.path("value").toString()).contains("http-message-intake", "accept-message",
                "deliver-to-forbund", "http-message-tracking", "http-message-schema");

        JsonNode total = json(getAs("admin", "admin-demo",
                "/actuator/jolokia/read/org.apache.camel:context=gransnav,type=routes,name=%22http-message-schema%22/ExchangesTotal").body());
        assertThat(total.path("status").asInt()).isEqualTo(200);
        assertThat(total.path("value").isNumber()).isTrue();
    }

    @Test
    void theBrokersQueuesAreVisibleToo() {
        JsonNode queues = json(getAs("viewer", "viewer-demo",
                "/actuator/jolokia/search/org.apache.activemq.artemis:component=addresses,*,subcomponent=queues").body());
        assertThat(queues.path("value").toString())
                .contains("forbund.alvkust.inbox", "forbund.vast.inbox", "forbund.finsam-goteborg.inbox", "hub.accepted");
    }

    @Test
    void viewersReadThroughJolokiaButOnlyAdminsOperate() {
        String route = "org.apache.camel:context=gransnav,type=routes,name=\"http-message-schema\"";
        String exec = "{\"type\":\"exec\",\"mbean\":" + JSON_STRING.apply(route) + ",\"operation\":\"getUptime()\"}";
        String read = "[{\"type\":\"read\",\"mbean\":" + JSON_STRING.apply(route) + ",\"attribute\":\"ExchangesTotal\"}]";

        assertThat(postAs("viewer", "viewer-demo", "/actuator/jolokia", exec).statusCode()).isEqualTo(403);
        assertThat(postAs("viewer", "viewer-demo", "/actuator/jolokia", "[" + read.substring(1, read.length() - 1) + "," + exec + "]")
                .statusCode()).as("an exec hidden in a bulk request").isEqualTo(403);
        assertThat(getAs("viewer", "viewer-demo", "/actuator/jolokia/exec/" + route.replace("\"", "%22") + "/getUptime()")
                .statusCode()).isEqualTo(403);
        HttpResponse<String> viewerRead = postAs("viewer", "viewer-demo", "/actuator/jolokia", read);
        assertThat(viewerRead.statusCode()).isEqualTo(200);
        assertThat(json(viewerRead.body()).get(0).path("status").asInt()).isEqualTo(200);

        HttpResponse<String> adminExec = postAs("admin", "admin-demo", "/actuator/jolokia", exec);
        assertThat(adminExec.statusCode()).isEqualTo(200);
        assertThat(json(adminExec.body()).path("status").asInt()).isEqualTo(200);
    }

    @Test
    void nobodyDumpsTheHeapOrChangesLogLevelsThroughJolokia() {
        String heapDump = "{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\","
                + "\"operation\":\"dumpHeap\",\"arguments\":[\"/tmp/gransnav-heap.hprof\",true]}";
        JsonNode refused = json(postAs("admin", "admin-demo", "/actuator/jolokia", heapDump).body());
        assertThat(refused.path("status").asInt()).isEqualTo(403);
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/gransnav-heap.hprof"))).isFalse();

        String logLevel = "{\"type\":\"exec\",\"mbean\":\"java.util.logging:type=Logging\","
                + "\"operation\":\"setLoggerLevel\",\"arguments\":[\"se.gransnav\",\"FINEST\"]}";
        assertThat(json(postAs("admin", "admin-demo", "/actuator/jolokia", logLevel).body()).path("status").asInt())
                .isEqualTo(403);
    }

    private static final java.util.function.Function<String, String> JSON_STRING = text -> {
        try {
            return JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    };

    /** A POST as Hawtio makes it: with the CSRF token of the XSRF-TOKEN cookie in X-XSRF-TOKEN. */
    private HttpResponse<String> postAs(String user, String password, String path, String body) {
        String token = getAs(user, password, "/actuator/jolokia/version").headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).map(c -> c.substring("XSRF-TOKEN=".length()).split(";")[0])
                .findFirst().orElseThrow();
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .header("Cookie", "XSRF-TOKEN=" + token)
                .header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
