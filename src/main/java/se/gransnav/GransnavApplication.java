package se.gransnav;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.jms.activemq.ActiveMQAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Gränsnav: the integration hub between samordningsförbund and their partner agencies. */
// The OpenWire acceptor of the embedded broker brings ActiveMQ Classic's client classes, which
// would make Boot configure a Classic connection factory instead of the Artemis one.
@SpringBootApplication(exclude = ActiveMQAutoConfiguration.class)
@ConfigurationPropertiesScan
public class GransnavApplication {

    public static void main(String[] args) {
        SpringApplication.run(GransnavApplication.class, args);
    }
}
