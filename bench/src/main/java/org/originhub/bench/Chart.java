package org.originhub.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@code bench.png}, drawn with Java2D (no charting library): throughput per operation on the left, latency
 * percentiles (log scale) on the right.
 */
final class Chart {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 620;
    private static final Color[] PERCENTILE_COLOURS = {new Color(0x4C78A8), new Color(0xF58518), new Color(0xE45756)};

    private Chart() {
    }

    /** The image's graphics, antialiased, on a white ground, with {@code title} at the top left; the pen black. */
    static Graphics2D canvas(BufferedImage image, String title) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, 20, 30);
        return g;
    }

    static void write(Results r, Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image, String.format(Locale.ROOT, "Origin Hub bench: %,d COs at concurrency %d",
                r.options.count, r.options.concurrency));

        Map<String, Double> throughput = new LinkedHashMap<>();
        throughput.put("baseline signed round trip", r.baseline.perSecond());
        throughput.put("ValidateDocument", r.validate.perSecond());
        throughput.put("SubmitDocument (receipt)", r.main.submissions.perSecond());
        throughput.put("end to end (acknowledged)", r.main.submissions.calls() / r.main.endToEndSeconds);
        throughput.put("batched pull, COs", r.pulledDocuments / r.pull.seconds());
        throughput.put("acknowledged, COs (50 per call)", r.acknowledgedDocuments / r.ack.seconds());
        throughput.put("CheckSigner", r.lookupsSmall.checkSigner.perSecond());
        throughput.put("GetDocumentStatus", r.lookupsSmall.documentStatus.perSecond());
        throughput.put("submissions, " + r.members200.members + " members", r.members200.result.perSecond());
        throughput.put(String.format(Locale.ROOT, "submissions, %,d stored", r.storeLarge),
                r.largeStore.result.perSecond());
        bars(g, throughput, 20, 60, 660, HEIGHT - 80);

        Map<String, double[]> latency = new LinkedHashMap<>();
        latency.put("receipt", percentiles(r.main.submissions.latencies()));
        latency.put("receipt ½ rate", percentiles(r.halfRate.latencies()));
        latency.put("delivery PUSH", percentiles(r.main.pushDelivery));
        latency.put("delivery PULL", percentiles(r.main.pullDelivery));
        latency.put("ack PUSH", percentiles(r.main.pushAck));
        latency.put("ack PULL", percentiles(r.main.pullAck));
        latency.put("baseline", percentiles(r.baseline.latencies()));
        latencies(g, latency, 720, 60, WIDTH - 740, HEIGHT - 80);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static double[] percentiles(Latencies l) {
        return new double[] {l.percentileMillis(50), l.percentileMillis(95), l.percentileMillis(99)};
    }

    private static void bars(Graphics2D g, Map<String, Double> values, int x, int y, int w, int h) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString("Throughput (per second)", x, y);
        double max = values.values().stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).max().orElse(1);
        int labelWidth = 230;
        int rowHeight = (h - 20) / values.size();
        int i = 0;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (Map.Entry<String, Double> e : values.entrySet()) {
            int top = y + 15 + i * rowHeight;
            double v = e.getValue().isNaN() ? 0 : e.getValue();
            int len = (int) ((w - labelWidth - 70) * v / max);
            g.setColor(Color.DARK_GRAY);
            g.drawString(e.getKey(), x, top + rowHeight / 2 + 4);
            g.setColor(i == 0 ? new Color(0x9D9D9D) : new Color(0x54A24B));
            g.fillRect(x + labelWidth, top + 4, Math.max(1, len), rowHeight - 10);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.1f", v), x + labelWidth + len + 5, top + rowHeight / 2 + 4);
            i++;
        }
    }

    private static void latencies(Graphics2D g, Map<String, double[]> values, int x, int y, int w, int h) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString("Latency p50 / p95 / p99 (ms, log scale)", x, y);
        int left = x + 50;
        int bottom = y + h - 40;
        int top = y + 30;
        double lo = 0;
        double hi = 5; // 1 ms .. 100 s
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int decade = 0; decade <= 5; decade++) {
            int yy = (int) (bottom - (bottom - top) * (decade - lo) / (hi - lo));
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(left, yy, x + w, yy);
            g.setColor(Color.DARK_GRAY);
            g.drawString(decade < 3 ? String.valueOf((int) Math.pow(10, decade)) : "1e" + decade, x + 5, yy + 4);
        }
        int groupWidth = (x + w - left) / values.size();
        int barWidth = (groupWidth - 16) / 3;
        int i = 0;
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            int gx = left + i * groupWidth + 8;
            for (int p = 0; p < 3; p++) {
                double ms = e.getValue()[p];
                if (Double.isNaN(ms)) {
                    continue;
                }
                double level = Math.max(lo, Math.min(hi, Math.log10(Math.max(ms, 1))));
                int barHeight = (int) ((bottom - top) * (level - lo) / (hi - lo));
                g.setColor(PERCENTILE_COLOURS[p]);
                g.fillRect(gx + p * barWidth, bottom - barHeight, barWidth - 2, Math.max(1, barHeight));
            }
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), gx, bottom + 16);
            g.drawString(String.format(Locale.ROOT, "p99 %.0f", e.getValue()[2]), gx, bottom + 30);
            i++;
        }
        g.setStroke(new BasicStroke(1));
        g.setColor(Color.BLACK);
        g.drawLine(left, bottom, x + w, bottom);
        String[] names = {"p50", "p95", "p99"};
        for (int p = 0; p < 3; p++) {
            g.setColor(PERCENTILE_COLOURS[p]);
            g.fillRect(x + w - 180 + p * 60, y - 12, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(names[p], x + w - 164 + p * 60, y - 2);
        }
    }
}
