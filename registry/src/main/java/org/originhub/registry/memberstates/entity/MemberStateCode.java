package org.originhub.registry.memberstates.entity;

import java.util.Locale;
import java.util.regex.Pattern;
import org.originhub.registry.errors.InvalidInputException;

/** An ISO 3166-1 alpha-2 country code, upper case. */
public record MemberStateCode(String value) {

    private static final Pattern ALPHA_2 = Pattern.compile("[A-Z]{2}");

    public MemberStateCode {
        if (value == null || !ALPHA_2.matcher(value).matches()) {
            throw new InvalidInputException("InvalidMemberStateCode",
                    "A member state code is an ISO 3166-1 alpha-2 code such as KE or TZ, not '" + value + "'");
        }
    }

    /** Accepts lower case input ("ke") and surrounding blanks. */
    public static MemberStateCode of(String text) {
        return new MemberStateCode(text == null ? null : text.strip().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
