package io.cxpulse.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxpulse.common.stats.BetaBinomialPrior.Tally;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.junit.jupiter.api.Test;

class BetaBinomialPriorTest {

    /**
     * Five agents worked by hand in exact rational arithmetic (Python fractions): N = 78,
     * p̂ = 47/78 = 0.602564, S = 2.312821, denominator = 78 − 2034/78 − 4 = 46.641026,
     * ρ̂ = 0.121302, a + b = 7.243883; posterior means 0.775052, 0.600682, 0.764864, 0.515726,
     * 0.523718.
     */
    @Test
    void fitsTheMomentEstimatorWorkedByHand() {
        List<Tally> agents = List.of(new Tally(10, 9), new Tally(20, 12), new Tally(5, 5), new Tally(40, 20),
                new Tally(3, 1));

        BetaBinomialPrior prior = BetaBinomialPrior.fit(agents).orElseThrow();

        assertThat(prior.mean()).isCloseTo(47.0 / 78, within(1e-12));
        assertThat(prior.strength()).isCloseTo(7.243882758998248, within(1e-9));
        assertThat(prior.shrink(9, 10)).isCloseTo(0.7750518778481746, within(1e-9));
        assertThat(prior.shrink(5, 5)).isCloseTo(0.7648638833031066, within(1e-9));
        assertThat(prior.shrink(20, 40)).isCloseTo(0.5157261065532283, within(1e-9));
        assertThat(prior.shrink(1, 3)).isCloseTo(0.5237177972427313, within(1e-9));
    }

    @Test
    void aPerfectScoreOnThreeSurveysIsShrunkFarMoreThanANinetyPercentScoreOnThreeHundred() {
        List<Tally> agents = new ArrayList<>(List.of(new Tally(3, 3), new Tally(300, 270)));
        for (int i = 0; i < 20; i++) {
            agents.add(new Tally(100, 70 + i % 10));
        }
        BetaBinomialPrior prior = BetaBinomialPrior.fit(agents).orElseThrow();

        double fewSurveys = prior.shrink(3, 3);
        double manySurveys = prior.shrink(270, 300);
        assertThat(fewSurveys).as("ranked below the steady agent, not above").isLessThan(manySurveys);
        // exact rational arithmetic: p̂ = 0.765523, a + b = 88.728896
        assertThat(fewSurveys).isCloseTo(0.7731918097811777, within(1e-9));
        assertThat(manySurveys).isCloseTo(0.869305149537081, within(1e-9));
    }

    @Test
    void recoversTheBetaThatGeneratedTheAgents() {
        BetaDistribution truth = new BetaDistribution(new JDKRandomGenerator(7), 8, 2);
        Random random = new Random(7);
        List<Tally> agents = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double p = truth.sample();
            int n = 30 + random.nextInt(70);
            int x = 0;
            for (int j = 0; j < n; j++) {
                x += random.nextDouble() < p ? 1 : 0;
            }
            agents.add(new Tally(n, x));
        }

        BetaBinomialPrior prior = BetaBinomialPrior.fit(agents).orElseThrow();

        assertThat(prior.mean()).isCloseTo(0.8, within(0.02));
        assertThat(prior.strength()).as("a + b = 10").isBetween(6.0, 16.0);
    }

    @Test
    void agentsThatDifferOnlyByBinomialNoiseAllShrinkToThePooledRate() {
        List<Tally> agents = List.of(new Tally(50, 40), new Tally(50, 40), new Tally(50, 41), new Tally(50, 39));

        BetaBinomialPrior prior = BetaBinomialPrior.fit(agents).orElseThrow();

        assertThat(prior.strength()).isInfinite();
        assertThat(prior.shrink(41, 50)).isEqualTo(0.8);
    }

    @Test
    void allSatisfiedIsCompletePooling() {
        BetaBinomialPrior prior = BetaBinomialPrior.fit(List.of(new Tally(4, 4), new Tally(9, 9))).orElseThrow();

        assertThat(prior.shrink(4, 4)).isEqualTo(1.0);
    }

    @Test
    void staysQuietWhenTheDataDoNotIdentifyAPrior() {
        assertThat(BetaBinomialPrior.fit(List.of())).isEmpty();
        assertThat(BetaBinomialPrior.fit(List.of(new Tally(10, 7), new Tally(0, 0)))).as("one agent with data")
                .isEmpty();
        assertThat(BetaBinomialPrior.fit(List.of(new Tally(1, 1), new Tally(1, 0), new Tally(1, 1))))
                .as("one survey each: between and within variance cannot be told apart").isEmpty();
    }
}
