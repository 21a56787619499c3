package org.originhub.web.console;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a console table pages lazily through a log that reads in keyset pages (rows after a keyset value, newest or
 * oldest first), so that a page costs one read of one page whatever its depth, never a walk from the start:
 * <ul>
 * <li>the first page reads from the start;</li>
 * <li>next and previous continue from a page already shown: forwards after its last row, or backwards (the other
 * order, reversed) before its first row;</li>
 * <li>the last page reads from the other end: the first rows of the other order, reversed (the row count says how
 * many);</li>
 * <li>a page not adjacent to one shown (a page link a few pages away, a changed page size) reads forwards from the
 * nearest page shown before it or backwards from the nearest one after it, whichever is closer, skipping the rows
 * between in reads of at most {@code maxLimit}. The paginator offers page links only near the current page, so that
 * gap is a few pages at most.</li>
 * </ul>
 * It remembers the keyset value of the first and last row of every page shown, by row index. When the row count
 * changes (rows arrived), the indexes no longer hold, and it forgets them.
 *
 * <p>A table whose log is too large to count at every page ({@link #NOT_COUNTED}) shows the rows known instead: those
 * paged through, and one more page when the log said more follow; it has no last page.
 *
 * @param <T> a row
 * @param <K> a row's keyset value
 */
public final class KeysetPager<T, K extends Serializable> implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Rows read from a log in the order asked, the keyset values of the first and last (null if unknown), and whether
     * more rows follow in that order.
     */
    public record Slice<T, K>(List<T> rows, K firstKey, K lastKey, boolean more) {
    }

    /** The log: up to {@code limit} rows after {@code after} (null: from the start), in table order or reversed. */
    @FunctionalInterface
    public interface Source<T, K> {
        Slice<T, K> read(K after, int limit, boolean reverse);
    }

    /** The count of a log not counted (see {@link #counted}). */
    public static final long NOT_COUNTED = -1;

    private final int maxLimit;
    /** Row index (in table order) -> that row's keyset value, for the first and last row of every page shown. */
    private final TreeMap<Integer, K> keys = new TreeMap<>();
    private long count = -1;
    /** Without a count: the rows known to exist, and the number of rows once a read reached the end (else -1). */
    private long known;
    private long end = -1;

    public KeysetPager(int maxLimit) {
        this.maxLimit = maxLimit;
    }

    /** Forgets every page shown (a new filter or order). */
    public void restart() {
        keys.clear();
        count = -1;
        known = 0;
        end = -1;
    }

    /**
     * The number of rows as last counted, or {@link #NOT_COUNTED}; a different number than before drops what the
     * pager remembered.
     */
    public void counted(long rows) {
        if (rows != count) {
            keys.clear();
        }
        count = rows;
    }

    /** Rows known to exist when the log is not counted: those paged through, and a page more if more follow. */
    public long known() {
        return known;
    }

    /** The rows from index {@code first}, at most {@code size}, in table order. */
    public List<T> page(Source<T, K> source, int first, int size) {
        if (first < 0 || size < 1) {
            return List.of();
        }
        if (count >= 0 && first >= count) {
            return List.of();
        }
        if (first == 0) {
            return remember(first, source.read(null, size, false), false);
        }
        K before = keys.get(first - 1);
        if (before != null) {
            return remember(first, source.read(before, size, false), false);
        }
        K after = keys.get(first + size);
        if (after != null) {
            return remember(first, source.read(after, size, true), true);
        }
        if (count >= 0 && first + size >= count) {
            return remember(first, source.read(null, (int) (count - first), true), true);
        }
        return jump(source, first, size);
    }

    /** A page with no page shown next to it: from the nearest one on either side (or either end). */
    private List<T> jump(Source<T, K> source, int first, int size) {
        Map.Entry<Integer, K> below = keys.floorEntry(first - 1);
        Map.Entry<Integer, K> above = keys.ceilingEntry(first + size);
        long fromBelow = below == null ? first : first - 1L - below.getKey();
        long fromAbove = above != null ? above.getKey() - (long) (first + size)
                : count >= 0 ? count - (first + size) : Long.MAX_VALUE;
        if (fromBelow <= fromAbove) {
            int index = below == null ? 0 : below.getKey() + 1;
            K key = below == null ? null : below.getValue();
            while (index < first) {
                Slice<T, K> skipped = source.read(key, Math.min(maxLimit, first - index), false);
                if (skipped.rows().isEmpty() || skipped.lastKey() == null) {
                    return List.of();
                }
                index += skipped.rows().size();
                key = skipped.lastKey();
                keys.put(index - 1, key);
            }
            return remember(first, source.read(key, size, false), false);
        }
        // backwards: index is the first row known after the gap (count when from the other end)
        int index = above == null ? (int) count : above.getKey();
        K key = above == null ? null : above.getValue();
        int end = first + size;
        while (index > end) {
            Slice<T, K> skipped = source.read(key, Math.min(maxLimit, index - end), true);
            if (skipped.rows().isEmpty() || skipped.lastKey() == null) {
                return List.of();
            }
            index -= skipped.rows().size();
            key = skipped.lastKey();
            keys.put(index, key);
        }
        return remember(first, source.read(key, size, true), true);
    }

    private List<T> remember(int first, Slice<T, K> slice, boolean reversed) {
        List<T> rows = slice.rows();
        if (rows.isEmpty()) {
            return List.of();
        }
        K head = reversed ? slice.lastKey() : slice.firstKey();
        K tail = reversed ? slice.firstKey() : slice.lastKey();
        if (head != null) {
            keys.put(first, head);
        }
        if (tail != null) {
            keys.put(first + rows.size() - 1, tail);
        }
        if (!reversed) {
            if (!slice.more()) {
                end = first + rows.size();
            }
            known = end >= 0 ? end : Math.max(known, first + 2L * rows.size());
            return rows;
        }
        known = Math.max(known, first + (long) rows.size());
        List<T> inOrder = new ArrayList<>(rows);
        Collections.reverse(inOrder);
        return inOrder;
    }
}
