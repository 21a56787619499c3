package org.originhub.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pager over a log of rows 0..n-1 (shown in that order; each row its own keyset value), counting the reads and the
 * rows read: the depth of a page must never make it cost more reads.
 */
class KeysetPagerTest {

    private static final int MAX = 500;

    private final Log log = new Log();
    private KeysetPager<Integer, Integer> pager;

    @BeforeEach
    void pager() {
        pager = new KeysetPager<>(MAX);
    }

    @Test
    void nextPagesContinueFromThePageShownWithOneReadEach() {
        log.size(1_000);
        pager.counted(1_000);
        for (int first = 0; first < 1_000; first += 25) {
            int reads = log.reads;
            assertThat(pager.page(log, first, 25)).containsExactlyElementsOf(range(first, first + 25));
            assertThat(log.reads - reads).isEqualTo(1);
        }
        assertThat(log.rowsRead).isEqualTo(1_000);
    }

    @Test
    void theLastPageAndThePagesBeforeItReadFromTheOtherEndWithOneReadEach() {
        log.size(100_010);
        pager.counted(100_010);
        pager.page(log, 0, 25);

        assertThat(pager.page(log, 100_000, 25)).containsExactlyElementsOf(range(100_000, 100_010));
        assertThat(pager.page(log, 99_975, 25)).containsExactlyElementsOf(range(99_975, 100_000));
        assertThat(pager.page(log, 99_950, 25)).containsExactlyElementsOf(range(99_950, 99_975));
        assertThat(log.reads).isEqualTo(4);
        assertThat(log.rowsRead).isEqualTo(25 + 10 + 25 + 25);
    }

    @Test
    void aPageLinkAFewPagesAwayReadsOnlyTheRowsBetween() {
        log.size(100_000);
        pager.counted(100_000);
        pager.page(log, 0, 25);
        pager.page(log, 99_975, 25);
        int rows = log.rowsRead;

        assertThat(pager.page(log, 100, 25)).containsExactlyElementsOf(range(100, 125));
        assertThat(log.rowsRead - rows).as("rows 25..99 skipped, then the page").isEqualTo(75 + 25);
        assertThat(pager.page(log, 99_900, 25)).as("closer to the last page shown: backwards from it")
                .containsExactlyElementsOf(range(99_900, 99_925));
        assertThat(log.rowsRead - rows).isEqualTo(100 + 50 + 25);
    }

    @Test
    void aPageFarFromAnyShownIsReachedFromTheNearerEndInReadsOfAtMostTheLimit() {
        log.size(10_000);
        pager.counted(10_000);

        assertThat(pager.page(log, 8_000, 100)).containsExactlyElementsOf(range(8_000, 8_100));
        assertThat(log.rowsRead).as("from the end: 1,900 rows skipped and the page").isEqualTo(1_900 + 100);
        assertThat(log.reads).isEqualTo(4 + 1);
        assertThat(log.largest).isLessThanOrEqualTo(MAX);
    }

    @Test
    void aChangedPageSizeContinuesFromTheRowsAlreadyShown() {
        log.size(1_000);
        pager.counted(1_000);
        pager.page(log, 0, 25);
        pager.page(log, 25, 25);
        int reads = log.reads;

        assertThat(pager.page(log, 50, 100)).containsExactlyElementsOf(range(50, 150));
        assertThat(pager.page(log, 150, 100)).containsExactlyElementsOf(range(150, 250));
        assertThat(log.reads - reads).isEqualTo(2);
    }

    @Test
    void aNewCountForgetsThePagesShownForTheirIndexesNoLongerHold() {
        log.size(1_000);
        pager.counted(1_000);
        pager.page(log, 0, 25);
        log.low = -5; // five rows arrived at the head: what was row 25 is row 30 now
        pager.counted(1_005);

        assertThat(pager.page(log, 25, 25)).containsExactlyElementsOf(range(20, 45));
    }

    @Test
    void withoutACountTheRowsKnownAreThoseShownAndOnePageMoreWhileMoreFollow() {
        log.size(60);
        assertThat(pager.known()).isZero();
        pager.page(log, 0, 25);
        assertThat(pager.known()).isEqualTo(50);
        pager.page(log, 25, 25);
        assertThat(pager.known()).isEqualTo(75);
        assertThat(pager.page(log, 50, 25)).containsExactlyElementsOf(range(50, 60));
        assertThat(pager.known()).isEqualTo(60);
        assertThat(pager.page(log, 25, 25)).as("previous: backwards from the page shown after it")
                .containsExactlyElementsOf(range(25, 50));
        assertThat(pager.known()).isEqualTo(60);
        pager.restart();
        assertThat(pager.known()).isZero();
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    /** Rows low..size-1; a row's key is its value; "after" is exclusive in the direction read. */
    private static final class Log implements KeysetPager.Source<Integer, Integer> {

        int low;
        int size;
        int reads;
        int rowsRead;
        int largest;

        void size(int rows) {
            size = rows;
        }

        @Override
        public KeysetPager.Slice<Integer, Integer> read(Integer after, int limit, boolean reverse) {
            reads++;
            largest = Math.max(largest, limit);
            List<Integer> rows = new ArrayList<>();
            int next = after == null ? (reverse ? size - 1 : low) : (reverse ? after - 1 : after + 1);
            while (rows.size() < limit && next >= low && next < size) {
                rows.add(next);
                next += reverse ? -1 : 1;
            }
            rowsRead += rows.size();
            boolean more = next >= low && next < size;
            return rows.isEmpty() ? new KeysetPager.Slice<>(rows, null, null, false)
                    : new KeysetPager.Slice<>(rows, rows.get(0), rows.get(rows.size() - 1), more);
        }
    }
}
