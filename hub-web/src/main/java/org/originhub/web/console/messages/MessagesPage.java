package org.originhub.web.console.messages;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.hub.messagelog.boundary.MessageFilter;
import org.originhub.hub.messagelog.boundary.MessageLog;
import org.originhub.hub.messagelog.boundary.MessagePage;
import org.originhub.hub.messagelog.boundary.MessageSummary;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.web.console.Allowed;
import org.originhub.web.console.Caller;
import org.originhub.web.console.ConsoleAction;
import org.originhub.web.console.Guarded;
import org.originhub.web.console.KeysetPager;
import org.originhub.web.console.Pages;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The message log: filters on the envelope (member state on either side and the counterpart, sender, recipient, CO
 * number, tracking number, document type, delivery status) and the time received, paged lazily with the log's keyset
 * pages through a {@link KeysetPager}: the first, next, previous and last page each cost one read of one page, however
 * deep. The paginator shows the number of matches up to {@link #EXACT_UP_TO} (a count bounded like a page, see
 * {@link MessageLog#count}); beyond it, "more than" that, and it pages through the rows known, as the audit log does.
 * Every search is recorded by the message log.
 */
@Named
@ViewScoped
@Guarded
public class MessagesPage implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Matches counted exactly up to this many (at most this many index entries read per count). */
    static final long EXACT_UP_TO = 10_000;

    @Inject
    MessageLog log;

    @Inject
    Caller caller;

    private LocalDateTime from;
    private LocalDateTime to;
    private String member;
    private String counterpart;
    private String sender;
    private String recipient;
    private String coNumber;
    private String trackingNumber;
    private DocumentType documentType;
    private DeliveryStatus status;
    private boolean oldestFirst;
    private MessageFilter filter = MessageFilter.none();
    private boolean newestFirst = true;
    private final Messages messages = new Messages();

    /** Applies the filter fields; the table then loads its first page. */
    @Allowed(ConsoleAction.READ_MESSAGE_LOG)
    public void search() {
        filter = new MessageFilter(Pages.utc(from), Pages.utc(to), Pages.upperOrNull(member),
                Pages.upperOrNull(counterpart), Pages.upperOrNull(sender), Pages.upperOrNull(recipient),
                Pages.blankToNull(coNumber), Pages.blankToNull(trackingNumber), documentType, status);
        newestFirst = !oldestFirst;
        messages.restart();
    }

    /** The filter the table pages with (the fields as last applied by {@link #search}). */
    MessageFilter filter() {
        return filter;
    }

    /** The envelopes as the table pages through them. */
    public final class Messages extends LazyDataModel<MessageSummary> {

        private static final long serialVersionUID = 1L;
        private final KeysetPager<MessageSummary, String> pager = new KeysetPager<>(MessageLog.MAX_LIMIT);

        private boolean exact = true;
        private long matches;
        /** Whether the count was just taken (the table asked for it before this load). */
        private boolean counted;

        void restart() {
            pager.restart();
            counted = false;
        }

        @Override
        public int count(Map<String, FilterMeta> ignored) {
            recount();
            counted = true;
            return rowCount();
        }

        /**
         * One page. The table asks for the count only now and then (not after a new search, say), so the page counts
         * itself when it was not just counted: the count and the rows always answer the same filter, and rows that
         * arrived meanwhile show.
         */
        @Override
        public List<MessageSummary> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            if (!counted) {
                recount();
            }
            counted = false;
            AuthenticatedUser user = caller.user();
            List<MessageSummary> rows = pager.page((after, limit, reverse) -> {
                MessagePage page = log.search(user, filter, after, limit, newestFirst != reverse);
                return new KeysetPager.Slice<>(page.messages(), page.before(), page.next(), page.next() != null);
            }, first, Math.max(1, Math.min(MessageLog.MAX_LIMIT, pageSize)));
            setRowCount(rowCount());
            return rows;
        }

        private void recount() {
            matches = log.count(caller.user(), filter, EXACT_UP_TO);
            exact = matches <= EXACT_UP_TO;
            pager.counted(exact ? matches : KeysetPager.NOT_COUNTED);
        }

        private int rowCount() {
            return (int) Math.min(Integer.MAX_VALUE, exact ? matches : pager.known());
        }

        /** The paginator's report: "of" the number of matches, or "of more than" the exact limit. */
        public String getReport() {
            return exact ? "{startRecord}–{endRecord} of {totalRecords}"
                    : "{startRecord}–{endRecord} of more than " + String.format(Locale.ROOT, "%,d", EXACT_UP_TO);
        }

        @Override
        public String getRowKey(MessageSummary message) {
            return message.trackingNumber();
        }

        @Override
        public MessageSummary getRowData(String rowKey) {
            return null;
        }
    }

    public Messages getMessages() {
        return messages;
    }

    public DocumentType[] getDocumentTypes() {
        return DocumentType.values();
    }

    public DeliveryStatus[] getStatuses() {
        return DeliveryStatus.values();
    }

    public LocalDateTime getFrom() {
        return from;
    }

    public void setFrom(LocalDateTime from) {
        this.from = from;
    }

    public LocalDateTime getTo() {
        return to;
    }

    public void setTo(LocalDateTime to) {
        this.to = to;
    }

    public String getMember() {
        return member;
    }

    public void setMember(String member) {
        this.member = member;
    }

    public String getCounterpart() {
        return counterpart;
    }

    public void setCounterpart(String counterpart) {
        this.counterpart = counterpart;
    }

    public String getSender() {
        return sender;
    }

    public void setSender(String sender) {
        this.sender = sender;
    }

    public String getRecipient() {
        return recipient;
    }

    public void setRecipient(String recipient) {
        this.recipient = recipient;
    }

    public String getCoNumber() {
        return coNumber;
    }

    public void setCoNumber(String coNumber) {
        this.coNumber = coNumber;
    }

    public String getTrackingNumber() {
        return trackingNumber;
    }

    public void setTrackingNumber(String trackingNumber) {
        this.trackingNumber = trackingNumber;
    }

    public DocumentType getDocumentType() {
        return documentType;
    }

    public void setDocumentType(DocumentType documentType) {
        this.documentType = documentType;
    }

    public DeliveryStatus getStatus() {
        return status;
    }

    public void setStatus(DeliveryStatus status) {
        this.status = status;
    }

    public boolean isOldestFirst() {
        return oldestFirst;
    }

    public void setOldestFirst(boolean oldestFirst) {
        this.oldestFirst = oldestFirst;
    }
}
