package org.originhub.web.console.audit;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.originhub.hub.audit.boundary.AuditFilter;
import org.originhub.hub.audit.boundary.AuditLog;
import org.originhub.hub.audit.boundary.AuditPage;
import org.originhub.hub.audit.boundary.AuditRecordView;
import org.originhub.hub.audit.boundary.InvalidAuditQueryException;
import org.originhub.hub.audit.control.AuditExportFormat;
import org.originhub.hub.audit.control.ChainVerification;
import org.originhub.hub.audit.entity.Outcome;
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
 * The audit log: filters, lazily paged records (the audit log's keyset pages through a {@link KeysetPager}, so a page
 * deep in a large log costs no more than the first), export as CSV or JSON lines, and verifying the whole chain.
 * Every search, export and verification is recorded by the audit log itself; a member auditor sees its own member
 * state's records only.
 */
@Named
@ViewScoped
@Guarded
public class AuditLogPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AuditLog log;

    @Inject
    Caller caller;

    private LocalDateTime from;
    private LocalDateTime to;
    private String member;
    private String counterpart;
    private String action;
    private Outcome outcome;
    private String actor;
    private String trackingNumber;
    private String coNumber;
    private boolean oldestFirst;
    private AuditFilter filter = AuditFilter.none();
    private boolean newestFirst = true;
    private final Records records = new Records();
    private ChainVerification verification;

    /** Applies the filter fields; the table then loads its first page. */
    @Allowed(ConsoleAction.READ_AUDIT_LOG)
    public void search() {
        filter = new AuditFilter(Pages.utc(from), Pages.utc(to), Pages.upperOrNull(member),
                Pages.upperOrNull(counterpart), Pages.upperOrNull(action), outcome, Pages.blankToNull(actor),
                Pages.blankToNull(trackingNumber), Pages.blankToNull(coNumber));
        newestFirst = !oldestFirst;
        records.restart();
    }

    /** Streams every record matching the applied filter, oldest first, as a download. */
    @Allowed(ConsoleAction.READ_AUDIT_LOG)
    public void export(String formatName) throws IOException {
        AuditExportFormat format = AuditExportFormat.parse(formatName);
        if (format == null) {
            throw new InvalidAuditQueryException("format is jsonl or csv");
        }
        AuthenticatedUser user = caller.user();
        // Refused before the first byte, so a refusal is a message on the page rather than a broken download.
        AuditFilter effective = log.authorize(user, filter, "AUDIT_EXPORTED");
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        external.setResponseContentType(format.mediaType() + "; charset=utf-8");
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"audit-"
                + Instant.now().toString().replace(":", "") + "." + format.extension() + "\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(external.getResponseOutputStream(),
                StandardCharsets.UTF_8), 64 * 1024);
        log.export(user, effective, format, out);
        out.flush();
        faces.responseComplete();
    }

    @Allowed(ConsoleAction.VERIFY_AUDIT_CHAIN)
    public void verify() {
        verification = log.verify(caller.user());
        if (verification.intact()) {
            Pages.info("The audit chain is intact: " + verification.count() + " records, head "
                    + verification.headSeq());
        } else {
            Pages.error("The audit chain is BROKEN at record " + verification.brokenAt() + ": "
                    + verification.problem());
        }
    }

    /**
     * The records as the table pages through them (a {@link KeysetPager}: first, next and previous page each one read
     * of one page, however deep). Not counted: an exact count of a filtered audit log walks every matching index entry,
     * up to the whole log, and the table would ask for it on every page change; so the paginator knows the rows
     * paged through and whether more follow, and "oldest first" is the way to the other end.
     */
    public final class Records extends LazyDataModel<AuditRecordView> {

        private static final long serialVersionUID = 1L;
        private final KeysetPager<AuditRecordView, Long> pager = new KeysetPager<>(AuditLog.MAX_LIMIT);

        void restart() {
            pager.restart();
        }

        @Override
        public int count(Map<String, FilterMeta> ignored) {
            return (int) Math.min(Integer.MAX_VALUE, pager.known());
        }

        @Override
        public List<AuditRecordView> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            AuthenticatedUser user = caller.user();
            List<AuditRecordView> rows = pager.page((after, limit, reverse) -> {
                AuditPage page = log.search(user, filter, after, limit, newestFirst != reverse);
                List<AuditRecordView> found = page.records();
                return found.isEmpty() ? new KeysetPager.Slice<>(found, null, null, false)
                        : new KeysetPager.Slice<>(found, found.get(0).seq(), found.get(found.size() - 1).seq(),
                                page.next() != null);
            }, first, Math.max(1, Math.min(AuditLog.MAX_LIMIT, pageSize)));
            setRowCount((int) Math.min(Integer.MAX_VALUE, pager.known()));
            return rows;
        }

        @Override
        public String getRowKey(AuditRecordView record) {
            return String.valueOf(record.seq());
        }

        @Override
        public AuditRecordView getRowData(String rowKey) {
            return null;
        }
    }

    public Records getRecords() {
        return records;
    }

    public ChainVerification getVerification() {
        return verification;
    }

    public Outcome[] getOutcomes() {
        return Outcome.values();
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

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public void setOutcome(Outcome outcome) {
        this.outcome = outcome;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getTrackingNumber() {
        return trackingNumber;
    }

    public void setTrackingNumber(String trackingNumber) {
        this.trackingNumber = trackingNumber;
    }

    public String getCoNumber() {
        return coNumber;
    }

    public void setCoNumber(String coNumber) {
        this.coNumber = coNumber;
    }

    public boolean isOldestFirst() {
        return oldestFirst;
    }

    public void setOldestFirst(boolean oldestFirst) {
        this.oldestFirst = oldestFirst;
    }
}
