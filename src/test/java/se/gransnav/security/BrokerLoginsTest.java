package se.gransnav.security;

import org.apache.activemq.artemis.core.security.CheckType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerLoginsTest {

    @ParameterizedTest(name = "{0} {1} {2} {3}: {4}")
    @CsvSource({
            "PARTNER, ale-ame, SEND, hub.intake.ale-ame, true",
            "PARTNER, ale-ame, SEND, hub.intake.ale-ame::hub.intake.ale-ame, true",
            "PARTNER, ale-ame, CONSUME, hub.receipts.ale-ame, true",
            "PARTNER, ale-ame, BROWSE, hub.receipts.ale-ame::hub.receipts.ale-ame, true",
            "PARTNER, ale-ame, CONSUME, hub.intake.ale-ame, false",
            "PARTNER, ale-ame, SEND, hub.receipts.ale-ame, false",
            "PARTNER, ale-ame, SEND, hub.intake.ale-ame-2, false",
            "PARTNER, ale-ame, SEND, hub.intake.kungalv-ame, false",
            "PARTNER, ale-ame, CONSUME, hub.receipts.ale-ame::other, false",
            "PARTNER, ale-ame, CREATE_DURABLE_QUEUE, hub.receipts.ale-ame, false",
            "PARTNER, ale-ame, MANAGE, activemq.management, false",
            "FORBUND, alvkust, CONSUME, forbund.alvkust.inbox, true",
            "FORBUND, alvkust, BROWSE, forbund.alvkust.inbox::forbund.alvkust.inbox, true",
            "FORBUND, alvkust, SEND, forbund.alvkust.inbox, false",
            "FORBUND, alvkust, CONSUME, forbund.alvkust2.inbox, false",
            "FORBUND, alvkust, CONSUME, forbund.vast.inbox, false",
            "FORBUND, alvkust, CONSUME, hub.accepted, false",
            "FORBUND, alvkust, DELETE_DURABLE_QUEUE, forbund.alvkust.inbox, false",
            "HUB, , MANAGE, activemq.management, true",
            "HUB, , SEND, hub.accepted, true",
    })
    void eachLoginMayDoWhatItsRoleNeedsAndNothingElse(BrokerLogins.BrokerUser.Kind kind, String id, CheckType check,
                                                      String address, boolean allowed) {
        assertThat(BrokerLogins.allowed(new BrokerLogins.BrokerUser(kind, id), check, address)).isEqualTo(allowed);
    }
}
