/**
 * Pure statistics for the detectors: tail probabilities, false-discovery control, proportion
 * intervals, disproportionality ratios, an exponentially weighted baseline and an empirical-Bayes
 * beta prior for rates.
 *
 * <p>No Flink import lives here: every piece is a static function or a small immutable value, so
 * the {@code logic/} classes of the jobs can call it and plain JUnit tests can check it against
 * reference values. Where Apache Commons Math already has the numerics (regularized beta and
 * gamma functions, the inverse error function, the Wilson interval) it is used rather than
 * re-implemented.
 */
package io.cxpulse.common.stats;
