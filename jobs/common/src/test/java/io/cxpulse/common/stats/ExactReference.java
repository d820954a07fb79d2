package io.cxpulse.common.stats;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * Reference values computed the slow, obvious way, independently of Commons Math: exact binomial
 * sums in rational arithmetic and the Poisson series in 50-digit decimals.
 */
final class ExactReference {

    private static final MathContext DIGITS_50 = new MathContext(50);

    private ExactReference() {}

    /** {@code sum_{j=k..n} C(n,j) p^j (1-p)^(n-j)}, exact for a decimal {@code p}. */
    static double binomialAtLeast(int k, int n, String p) {
        BigDecimal success = new BigDecimal(p);
        BigDecimal failure = BigDecimal.ONE.subtract(success);
        BigDecimal sum = BigDecimal.ZERO;
        for (int j = Math.max(k, 0); j <= n; j++) {
            BigDecimal term = new BigDecimal(choose(n, j)).multiply(success.pow(j)).multiply(failure.pow(n - j));
            sum = sum.add(term);
        }
        return sum.doubleValue();
    }

    /**
     * {@code e^-lambda * sum_{j>=x} lambda^j / j!}: the series from {@code x} upwards in 50-digit
     * decimals, stopped once a term no longer changes the sum; {@code e^-lambda} in double.
     */
    static double poissonAtLeast(int x, double lambda) {
        BigDecimal l = new BigDecimal(lambda);
        BigDecimal term = l.pow(x, DIGITS_50).divide(new BigDecimal(factorial(x)), DIGITS_50);
        BigDecimal sum = BigDecimal.ZERO;
        for (int j = x; ; j++) {
            BigDecimal next = sum.add(term, DIGITS_50);
            if (next.compareTo(sum) == 0) {
                break;
            }
            sum = next;
            term = term.multiply(l, DIGITS_50).divide(BigDecimal.valueOf(j + 1L), DIGITS_50);
        }
        return sum.doubleValue() * Math.exp(-lambda);
    }

    private static BigInteger choose(int n, int k) {
        BigInteger result = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            result = result.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return result;
    }

    private static BigInteger factorial(int n) {
        BigInteger result = BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            result = result.multiply(BigInteger.valueOf(i));
        }
        return result;
    }
}
