package org.originhub.bench;

/**
 * A least-squares line through samples (x in hours, so the slope is per hour), with the standard error of its slope
 * and a one-sided 95 % lower confidence bound: the slope the samples show with 95 % confidence at least. Samples whose
 * y is NaN (not measured that minute) are left out.
 */
record Trend(int samples, double slopePerHour, double standardError, double mean) {

    /** One-sided 95 % quantiles of Student's t for 1 to 30 degrees of freedom; beyond, the normal 1.645. */
    private static final double[] T95 = {6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812, 1.796,
        1.782, 1.771, 1.761, 1.753, 1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703,
        1.701, 1.699, 1.697};

    static Trend fit(double[] hours, double[] values) {
        if (hours.length != values.length) {
            throw new IllegalArgumentException("as many times as values are needed");
        }
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < hours.length; i++) {
            if (!Double.isNaN(values[i])) {
                n++;
                sx += hours[i];
                sy += values[i];
            }
        }
        if (n == 0) {
            return new Trend(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < hours.length; i++) {
            if (!Double.isNaN(values[i])) {
                sxx += (hours[i] - mx) * (hours[i] - mx);
                sxy += (hours[i] - mx) * (values[i] - my);
            }
        }
        if (n < 2 || sxx == 0) {
            return new Trend(n, Double.NaN, Double.NaN, my);
        }
        double slope = sxy / sxx;
        double standardError = Double.NaN;
        if (n > 2) {
            double residuals = 0;
            for (int i = 0; i < hours.length; i++) {
                if (!Double.isNaN(values[i])) {
                    double r = values[i] - (my + slope * (hours[i] - mx));
                    residuals += r * r;
                }
            }
            standardError = Math.sqrt(residuals / (n - 2) / sxx);
        }
        return new Trend(n, slope, standardError, my);
    }

    /** The slope minus t(95 %, n - 2) standard errors; NaN with fewer than three samples. */
    double lowerBound95() {
        if (samples < 3 || Double.isNaN(standardError)) {
            return Double.NaN;
        }
        return slopePerHour - t95(samples - 2) * standardError;
    }

    static double t95(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("at least one degree of freedom");
        }
        return degreesOfFreedom <= T95.length ? T95[degreesOfFreedom - 1] : 1.645;
    }
}
