package org.originhub.web.console.messages;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.originhub.hub.exchange.entity.DeliveryStatus;
import org.originhub.hub.exchange.entity.DocumentType;
import org.originhub.hub.messagelog.boundary.MessageFilter;
import org.originhub.hub.messagelog.boundary.MessageLog;
import org.originhub.hub.messagelog.boundary.MessagePage;
import org.originhub.hub.messagelog.boundary.MessageSummary;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.web.console.Allowed;
import org.originhub.web.console.Caller;
import org.originhub.web.console.ConsoleAction;
import org.originhub.web.console.Guarded;
import org.originhub.web.console.Pages;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The message log: filters on the envelope (member state on either side and the counterpart, CO number, tracking
 * number, document type, delivery status) and the time received, paged lazily with the log's keyset pages (a page
 * deep in a large log costs no more than the first). The log has no match count, so the table knows the rows it has
 * paged through and whether more follow. Every search is recorded by the message log.
 */
@Named
@ViewScoped
@Guarded
public class MessagesPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    MessageLog log;

    @Inject
    Caller caller;

    private LocalDateTime from;
    private LocalDateTime to;
    private String member;
    private String counterpart;
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
                Pages.upperOrNull(counterpart), Pages.blankToNull(coNumber), Pages.blankToNull(trackingNumber),
                documentType, status);
        newestFirst = !oldestFirst;
        messages.restart();
    }

    /** The envelopes as the table pages through them. */
    public final class Messages extends LazyDataModel<MessageSummary> {

        private static final long serialVersionUID = 1L;
        /** Row index -> the {@code after} cursor that starts there (null: from the start). */
        private final TreeMap<Integer, String> cursors = new TreeMap<>();
        /** Rows known to exist: those paged through, and one more page when the log said more follow. */
        private int known;

        Messages() {
            restart();
        }

        void restart() {
            cursors.clear();
            cursors.put(0, null);
            known = 0;
        }

        @Override
        public int count(Map<String, FilterMeta> ignored) {
            return known;
        }

        @Override
        public List<MessageSummary> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            AuthenticatedUser user = caller.user();
            int size = Math.max(1, Math.min(MessageLog.MAX_LIMIT, pageSize));
            Map.Entry<Integer, String> start = cursors.floorEntry(first);
            int index = start.getKey();
            String after = start.getValue();
            // A page not reached page by page (a changed page size): walk to it in the largest pages allowed.
            while (index < first && (index == 0 || after != null)) {
                MessagePage step = log.search(user, filter, after, Math.min(MessageLog.MAX_LIMIT, first - index),
                        newestFirst);
                if (step.messages().isEmpty() || step.next() == null) {
                    known = index + step.messages().size();
                    setRowCount(known);
                    return List.of();
                }
                index += step.messages().size();
                after = step.next();
                cursors.put(index, after);
            }
            MessagePage page = log.search(user, filter, after, size, newestFirst);
            int end = first + page.messages().size();
            if (page.next() != null) {
                cursors.put(end, page.next());
                known = Math.max(known, end + size);
            } else {
                known = end;
            }
            setRowCount(known);
            return page.messages();
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
