package org.linli.central.admin;

import java.time.Clock;
import java.util.List;
import org.linli.central.auth.Accounts;
import org.linli.central.auth.Caller;
import org.linli.central.auth.LoginThrottle;
import org.linli.central.auth.Role;
import org.linli.central.auth.Secrets;
import org.linli.central.catalogue.Catalogue;
import org.linli.central.errors.Forbidden;
import org.linli.central.errors.InvalidInput;
import org.linli.central.errors.NotFound;
import org.linli.central.errors.RuleViolation;
import org.linli.central.store.Database;
import org.linli.central.store.Sql;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Staff accounts managed by administrators: each manages the accounts of their hub and the hubs below it
 * ({@link HubScope}). Passwords are generated and shown once; an account is disabled, never deleted (the audit log
 * keeps its name), and disabling it or resetting its password ends its sessions at once.
 */
public final class StaffAdmin {
    /** One account as administrators see it: never its password or hash. */
    public record Member(String username, Role role, String hubId, boolean disabled) {
    }

    /** A new or reset account with the password to hand over, shown this once. */
    public record WithPassword(Member member, String password) {
    }

    private final Database db;
    private final Accounts accounts;
    private final LoginThrottle throttle;
    private final FirstAdmin creator;
    private final HubScope scope;
    private final Catalogue catalogue;
    private final Clock clock;

    /** @param throttle the sign-in's, which also counts the current passwords given to change one */
    public StaffAdmin(Database db, Accounts accounts, LoginThrottle throttle, Catalogue catalogue, Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.throttle = throttle;
        this.catalogue = catalogue;
        this.creator = new FirstAdmin(db, accounts, catalogue);
        this.scope = new HubScope(catalogue);
        this.clock = clock;
    }

    public List<Member> list(Caller caller) {
        return db.read(c -> Sql.list(c, "SELECT username, role, hub_id, disabled_ts FROM staff ORDER BY username",
                StaffAdmin::member)).stream().filter(m -> scope.manages(caller, m.hubId())).toList();
    }

    /** The hub an account belongs to; empty for an account of every hub or none at all. */
    public java.util.Optional<String> hubOf(String username) {
        return db.read(c -> Sql.one(c, "SELECT hub_id FROM staff WHERE username = ?", rs -> rs.getString(1),
                username));
    }

    public Member get(Caller caller, String username) {
        Member member = find(username);
        requireManaged(caller, member.hubId());
        return member;
    }

    public WithPassword create(Caller caller, String username, Role role, String hubId) {
        checkAssignment(caller, role, hubId);
        String password = creator.add(username, role, hubId, null);
        return new WithPassword(find(username), password);
    }

    /** A new role or hub; the account's sessions end, so the next request runs with the new rights. */
    public Member update(Caller caller, String username, Role role, String hubId) {
        Member member = get(caller, username);
        if (member.username().equals(caller.name())) {
            throw new RuleViolation("own-account", "administrators cannot change their own role or hub;"
                    + " ask another administrator");
        }
        checkAssignment(caller, role, hubId);
        if (hubId != null && catalogue.hub(hubId).isEmpty()) {
            throw InvalidInput.field("hub", "there is no hub '" + hubId + "'");
        }
        write(username, "UPDATE staff SET role = ?, hub_id = ? WHERE username = ?", role.wire(), hubId, username);
        return find(username);
    }

    public Member setDisabled(Caller caller, String username, boolean disabled) {
        Member member = get(caller, username);
        if (member.username().equals(caller.name())) {
            throw new RuleViolation("own-account", "administrators cannot disable their own account");
        }
        write(username, "UPDATE staff SET disabled_ts = ? WHERE username = ?",
                disabled ? clock.instant().getEpochSecond() : null, username);
        return find(username);
    }

    public WithPassword resetPassword(Caller caller, String username) {
        Member member = get(caller, username);
        String password = Secrets.random(9);
        accounts.putStaff(username, password, member.role(), member.hubId());
        write(username, null);
        return new WithPassword(member, password);
    }

    /**
     * A member of staff changes their own password, knowing the current one. The current password is checked as a
     * sign-in is ({@link LoginThrottle}: 429 after too many wrong ones for the account or from the address), so a
     * stolen session cannot guess it faster than the sign-in page allows. Every other session of the account ends (a
     * browser left signed in elsewhere, or whoever took the old password); the session making the change goes on, so
     * the page it was made on stays signed in.
     *
     * @param session the token of the session making the change, which is kept
     * @param address the client's address, for the throttle
     */
    public void changeOwnPassword(Caller caller, String session, String address, String current, String next) {
        if (next.length() < FirstAdmin.MIN_PASSWORD) {
            throw InvalidInput.field("password", "at least " + FirstAdmin.MIN_PASSWORD + " characters");
        }
        String hash = db.read(c -> Sql.one(c, "SELECT password_hash FROM staff WHERE username = ?",
                rs -> rs.getString(1), caller.name())).orElseThrow(() -> new NotFound("no such account"));
        if (!throttle.matches(caller.name(), address, () -> BCrypt.checkpw(current, hash))) {
            throw InvalidInput.field("current", "this is not your current password");
        }
        Member member = find(caller.name());
        accounts.putStaff(caller.name(), next, member.role(), member.hubId());
        db.write(c -> Sql.update(c, "DELETE FROM staff_session WHERE username = ? AND token_hash <> ?",
                caller.name(), Secrets.sha256(session)));
        accounts.forgetBearers();
    }

    private void checkAssignment(Caller caller, Role role, String hubId) {
        if (role == Role.KIOSK) {
            throw InvalidInput.field("role", "kiosk is not a staff role; issue a kiosk key instead");
        }
        if (!scope.manages(caller, hubId)) {
            throw new Forbidden(hubId == null
                    ? "only an administrator of every hub gives an account every hub"
                    : "hub " + hubId + " is not one you manage");
        }
    }

    private void requireManaged(Caller caller, String hubId) {
        if (!scope.manages(caller, hubId)) {
            throw new Forbidden("this account belongs to a hub you do not manage");
        }
    }

    private Member find(String username) {
        return db.read(c -> Sql.one(c, "SELECT username, role, hub_id, disabled_ts FROM staff WHERE username = ?",
                StaffAdmin::member, username)).orElseThrow(() -> new NotFound("no member of staff '" + username + "'"));
    }

    /** An update (or none) followed by the end of the account's sessions, so no session outlives a change. */
    private void write(String username, String sql, Object... params) {
        db.write(c -> {
            if (sql != null) {
                Sql.update(c, sql, params);
            }
            return Sql.update(c, "DELETE FROM staff_session WHERE username = ?", username);
        });
        accounts.forgetBearers();
    }

    private static Member member(java.sql.ResultSet rs) throws java.sql.SQLException {
        rs.getLong(4);
        boolean disabled = !rs.wasNull();
        return new Member(rs.getString(1), Role.staff(rs.getString(2)), rs.getString(3), disabled);
    }
}
