package io.cxpulse.console.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt, through a maintained implementation (Favre's {@code at.favre.lib:bcrypt}). */
public final class PasswordHashes {

    /** Cost of the hashes {@link #hash} makes: about 0.1 to 0.3 s per check on a server core. */
    public static final int COST = 12;

    /** A hash that matches nothing, checked for unknown users so their sign-in takes as long. */
    private static final String DUMMY = hash("cx-pulse-no-such-user".toCharArray(), 10);

    private PasswordHashes() {}

    public static String hash(char[] password, int cost) {
        return BCrypt.withDefaults().hashToString(cost, password);
    }

    public static String hash(char[] password) {
        return hash(password, COST);
    }

    /** Whether {@code password} matches {@code bcryptHash}; a null hash is checked against a dummy and fails. */
    public static boolean matches(char[] password, String bcryptHash) {
        if (password.length > 72 || bcryptHash == null) {
            BCrypt.verifyer().verify("x".toCharArray(), DUMMY.getBytes(StandardCharsets.UTF_8));
            return false;
        }
        return BCrypt.verifyer().verify(password, bcryptHash.getBytes(StandardCharsets.UTF_8)).verified;
    }
}
