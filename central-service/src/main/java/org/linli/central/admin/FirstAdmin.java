package org.linli.central.admin;

import java.util.Optional;
import java.util.regex.Pattern;
import org.linli.central.auth.Accounts;
import org.linli.central.auth.Role;
import org.linli.central.auth.Secrets;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.errors.Conflict;
import org.linli.central.errors.InvalidInput;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;

/**
 * Staff accounts made from the command line ({@code ./linli central admin add}): how a site that starts without
 * {@code --demo} gets its first administrator, who then does everything else in the browser. It refuses a name that
 * exists, so a typo cannot silently reset somebody's password.
 */
public final class FirstAdmin {
    static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    // Short enough to type from a printed sheet, long enough (8 random bytes, 64 bits) not to be guessed.
    private static final int GENERATED_BYTES = 9;
    static final int MIN_PASSWORD = 10;

    private final Database db;
    private final Accounts accounts;
    private final Catalogue catalogue;

    public FirstAdmin(Database db, Accounts accounts, Catalogue catalogue) {
        this.db = db;
        this.accounts = accounts;
        this.catalogue = catalogue;
    }

    /**
     * Creates the account.
     *
     * @param hubId the hub the account belongs to; null for an administrator of every hub (the district's)
     * @param password null to generate one
     * @return the password, to be shown once
     */
    public String add(String username, Role role, String hubId, String password) {
        if (!USER_NAME.matcher(username).matches()) {
            throw InvalidInput.field("username", "1-64 letters, digits, '.', '-' or '_', beginning with a letter or"
                    + " digit");
        }
        if (role == Role.KIOSK) {
            throw InvalidInput.field("role", "kiosk is not a staff role; issue a kiosk key instead");
        }
        if (hubId == null && role != Role.ADMIN) {
            throw InvalidInput.field("hub", "an " + role.wire() + " works at one hub: name it");
        }
        if (hubId != null && catalogue.hub(hubId).isEmpty()) {
            throw InvalidInput.field("hub", "there is no hub '" + hubId + "'");
        }
        if (password != null && password.length() < MIN_PASSWORD) {
            throw InvalidInput.field("password", "at least " + MIN_PASSWORD + " characters");
        }
        if (exists(username)) {
            throw new Conflict("staff-exists", "This user name is taken",
                    "there is already a member of staff called '" + username + "'");
        }
        String chosen = Optional.ofNullable(password).orElseGet(() -> Secrets.random(GENERATED_BYTES));
        accounts.putStaff(username, chosen, role, hubId);
        return chosen;
    }

    private boolean exists(String username) {
        return db.read(c -> Sql.number(c, "SELECT count(*) FROM staff WHERE username = ?", username) > 0);
    }
}
