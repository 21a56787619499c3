package org.originhub.web.console.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.originhub.hub.messagelog.boundary.MessageFilter;
import org.originhub.hub.messagelog.boundary.MessageLog;
import org.originhub.hub.messagelog.boundary.MessagePage;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.entity.Role;
import org.originhub.web.console.Caller;

/** The Messages page hands its filter fields to the message log, each to its own criterion. */
class MessagesPageTest {

    private final List<MessageFilter> asked = new ArrayList<>();
    private long matches = 3;

    @Test
    void senderAndRecipientFieldsBecomeOneSideEachUpperCased() {
        MessagesPage page = page();
        page.setSender(" tz ");
        page.setRecipient("rw");
        page.search();
        page.getMessages().count(Map.of());
        page.getMessages().load(0, 25, Map.of(), Map.of());

        assertThat(asked).hasSize(2).allSatisfy(filter -> {
            assertThat(filter.sender()).isEqualTo("TZ");
            assertThat(filter.recipient()).isEqualTo("RW");
            assertThat(filter.member()).isNull();
            assertThat(filter.counterpart()).isNull();
        });
    }

    @Test
    void memberAndCounterpartStayApartFromTheSides() {
        MessagesPage page = page();
        page.setMember("ke");
        page.setCounterpart("ug");
        page.setRecipient("UG");
        page.search();
        page.getMessages().count(Map.of());

        assertThat(asked).singleElement().isEqualTo(new MessageFilter(null, null, "KE", "UG", null, "UG", null, null,
                null, null));
    }

    @Test
    void theNumberOfMatchesIsShownUpToTheExactLimitAndBeyondItAsMoreThan() {
        MessagesPage page = page();
        assertThat(page.getMessages().count(Map.of())).isEqualTo(3);
        assertThat(page.getMessages().getReport()).isEqualTo("{startRecord}–{endRecord} of {totalRecords}");

        matches = 1_000_000;
        page.search();
        assertThat(page.getMessages().count(Map.of())).as("not counted: the rows known (none yet)").isZero();
        assertThat(page.getMessages().getReport()).endsWith(" of more than 10,000");
    }

    private MessagesPage page() {
        MessagesPage page = new MessagesPage();
        page.log = new MessageLog() {
            @Override
            public MessagePage search(AuthenticatedUser caller, MessageFilter filter, String after, int limit,
                    boolean newestFirst) {
                asked.add(filter);
                return new MessagePage(List.of(), null, null);
            }

            @Override
            public long count(AuthenticatedUser caller, MessageFilter filter, long atMost) {
                asked.add(filter);
                return Math.min(matches, atMost + 1);
            }
        };
        page.caller = new Caller() {
            @Override
            public AuthenticatedUser user() {
                return new AuthenticatedUser("auditor", Role.AUDITOR, null);
            }
        };
        return page;
    }
}
