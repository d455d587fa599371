package org.lujing.identity;

import org.lujing.identity.match.MatchSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of scored matching ({@code lujing.identity.match.*}): the thresholds in bits of posterior log-odds
 * ({@code upper} links automatically, {@code lower} starts the review queue), the lead the best candidate needs over
 * the second ({@code margin}), whether it runs at all ({@code enabled}), and whether a row whose ID number is damaged
 * and that has no phone or birth date is kept for it instead of being rejected ({@code keep-damaged-ids}).
 */
@ConfigurationProperties("lujing.identity.match")
public record IdentityMatchProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("9") double upper,
        @DefaultValue("0") double lower,
        @DefaultValue("6") double margin,
        @DefaultValue("false") boolean keepDamagedIds) {

    public IdentityMatchProperties {
        new MatchSettings(upper, lower, margin);
    }

    public MatchSettings settings() {
        return new MatchSettings(upper, lower, margin);
    }
}
