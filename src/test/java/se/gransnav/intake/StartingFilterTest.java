package se.gransnav.intake;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class StartingFilterTest {

    private static MockHttpServletResponse post(CamelContext camel) throws Exception {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (camel != null) {
            beans.addBean("camel", camel);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        new StartingFilter.NotRunning(beans.getBeanProvider(CamelContext.class))
                .doFilter(new MockHttpServletRequest("POST", "/api/v1/messages"), response, chain);
        if (chain.getRequest() != null) {
            response.setStatus(299); // reached the routes
        }
        return response;
    }

    @Test
    void partnersGet503UntilTheRoutesRunAndAgainOnceTheyStop() throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        assertThat(post(null).getStatus()).isEqualTo(503);
        MockHttpServletResponse starting = post(camel);
        assertThat(starting.getStatus()).isEqualTo(503);
        assertThat(starting.getHeader("Retry-After")).isEqualTo("5");
        assertThat(starting.getContentAsString()).contains("\"status\":503", "send it again");

        camel.start();
        assertThat(post(camel).getStatus()).as("running").isEqualTo(299);

        camel.stop();
        assertThat(post(camel).getStatus()).isEqualTo(503);
    }
}
