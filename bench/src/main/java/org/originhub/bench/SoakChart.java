package org.originhub.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * {@code soak.png}, drawn with Java2D as {@link Chart} draws {@code bench.png}: one panel per sampled series over the
 * soak's minutes, the warm-up shaded, the fitted line over the samples after it, and each panel's slope and verdict.
 */
final class SoakChart {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 760;
    private static final int COLUMNS = 4;
    private static final Color LINE = new Color(0x4C78A8);
    private static final Color FIT_PASS = new Color(0x54A24B);
    private static final Color FIT_FAIL = new Color(0xE45756);

    private SoakChart() {
    }

    static void write(SoakResults r, Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Chart.canvas(image, String.format(Locale.ROOT, "Origin Hub soak: %s at %.1f submissions/s, %s",
                SoakDuration.format(r.options.soak), r.rate, r.verdict.passed() ? "PASSED" : "FAILED"));
        List<SoakVerdict.Series> series = r.verdict.series();
        int rows = (series.size() + COLUMNS - 1) / COLUMNS;
        int panelWidth = (WIDTH - 40) / COLUMNS;
        int panelHeight = (HEIGHT - 60) / rows;
        double warmUp = r.options.soak.toSeconds() / 60.0 * 0.2;
        for (int i = 0; i < series.size(); i++) {
            panel(g, series.get(i), r.samples, warmUp, 20 + (i % COLUMNS) * panelWidth, 50 + (i / COLUMNS)
                    * panelHeight, panelWidth - 20, panelHeight - 20);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void panel(Graphics2D g, SoakVerdict.Series s, List<SoakSample> samples, double warmUp, int x,
            int y, int w, int h) {
        double[] values = samples.stream().mapToDouble(s.rule().value()).toArray();
        int lastMinute = samples.isEmpty() ? 1 : samples.get(samples.size() - 1).minute();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        double pad = Math.max((hi - lo) * 0.15, Math.max(1, Math.abs(hi) * 0.02));
        lo = Math.max(0, lo - pad);
        hi = hi + pad;
        int left = x + 50;
        int top = y + 36;
        int bottom = y + h - 22;
        int right = x + w;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        String unit = s.rule().unit().isEmpty() ? "" : " (" + s.rule().unit() + ")";
        g.drawString(s.rule().name() + unit, x, y + 12);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(!s.judged() ? Color.DARK_GRAY : s.passed() ? FIT_PASS.darker() : FIT_FAIL);
        g.drawString(String.format(Locale.ROOT, "%+.1f/h (allowed %.1f/h): %s", s.trend().slopePerHour(),
                s.allowedPerHour(), !s.judged() ? "not judged on a short run" : s.passed() ? "pass" : "FAIL"), x,
                y + 27);
        // the warm-up, left out of the fit
        g.setColor(new Color(0xEEEEEE));
        int warmEnd = xOf(warmUp, lastMinute, left, right);
        g.fillRect(left, top, Math.max(0, warmEnd - left), bottom - top);
        g.setColor(new Color(0xDDDDDD));
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "%.0f", hi), x, top + 4);
        g.drawString(String.format(Locale.ROOT, "%.0f", lo), x, bottom);
        g.drawString("0", left - 3, bottom + 14);
        g.drawString(lastMinute + " min", right - 40, bottom + 14);
        g.setColor(LINE);
        g.setStroke(new BasicStroke(2));
        int px = -1;
        int py = -1;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                px = -1;
                continue;
            }
            int cx = xOf(samples.get(i).minute(), lastMinute, left, right);
            int cy = yOf(values[i], lo, hi, top, bottom);
            g.fillOval(cx - 3, cy - 3, 6, 6);
            if (px >= 0) {
                g.drawLine(px, py, cx, cy);
            }
            px = cx;
            py = cy;
        }
        Trend t = s.trend();
        if (!Double.isNaN(t.slopePerHour())) {
            // the fitted line through the kept samples' mean point
            List<SoakSample> kept = samples.stream().filter(m -> m.minute() - 1 >= warmUp - 1e-9).toList();
            double meanMinute = kept.stream().filter(m -> !Double.isNaN(s.rule().value().applyAsDouble(m)))
                    .mapToInt(SoakSample::minute).average().orElse(lastMinute);
            int firstKept = kept.isEmpty() ? 1 : kept.get(0).minute();
            double perMinute = t.slopePerHour() / 60;
            g.setColor(!s.judged() ? Color.GRAY : s.passed() ? FIT_PASS : FIT_FAIL);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4},
                    0));
            g.drawLine(xOf(firstKept, lastMinute, left, right), yOf(t.mean() + perMinute * (firstKept - meanMinute),
                    lo, hi, top, bottom), xOf(lastMinute, lastMinute, left, right),
                    yOf(t.mean() + perMinute * (lastMinute - meanMinute), lo, hi, top, bottom));
        }
        g.setStroke(new BasicStroke(1));
    }

    private static int xOf(double minute, int lastMinute, int left, int right) {
        return left + (int) ((right - left) * minute / Math.max(1, lastMinute));
    }

    private static int yOf(double value, double lo, double hi, int top, int bottom) {
        double clamped = Math.max(lo, Math.min(hi, value));
        return bottom - (int) ((bottom - top) * (clamped - lo) / (hi - lo));
    }
}
