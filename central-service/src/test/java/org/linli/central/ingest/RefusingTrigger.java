package org.linli.central.ingest;

import java.sql.Statement;
import java.util.List;
import org.linli.central.store.Database;
import org.linli.central.store.Dialect;

/**
 * A trigger on {@code occupancy_sample} that refuses the rows a condition on {@code NEW} names, on either store:
 * <ul>
 * <li>as a constraint refuses one row, the message's own failure, dropped for good: SQLite's RAISE(ABORT), which
 * refuses only the statement, and PostgreSQL's check_violation (SQLState 23514);
 * <li>or as the store failing, which sending again may cure: SQLite's RAISE(ROLLBACK), which ends the whole
 * transaction as an I/O error or a full disk does, and PostgreSQL's plain RAISE EXCEPTION (P0001: neither a constraint
 * nor a value refused).
 * </ul>
 */
public final class RefusingTrigger {
    private final Database db;
    private final String name;

    private RefusingTrigger(Database db, String name) {
        this.db = db;
        this.name = name;
    }

    /** A constraint's refusal of the rows where {@code condition} holds (e.g. {@code NEW.seq = 3}). */
    public static RefusingTrigger asAConstraint(Database db, String name, String condition, String message) {
        return create(db, name, condition, message, false);
    }

    /** The store's own failure for the rows where {@code condition} holds. */
    public static RefusingTrigger asTheStore(Database db, String name, String condition, String message) {
        return create(db, name, condition, message, true);
    }

    private static RefusingTrigger create(Database db, String name, String condition, String message,
            boolean store) {
        execute(db, db.dialect() == Dialect.POSTGRESQL ? List.of("""
                CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                IF %s THEN RAISE EXCEPTION '%s'%s; END IF;
                RETURN NEW; END $$""".formatted(name, condition, message,
                store ? "" : " USING ERRCODE = 'check_violation'"), """
                CREATE TRIGGER %s BEFORE INSERT ON occupancy_sample FOR EACH ROW
                EXECUTE FUNCTION %s()""".formatted(name, name))
                : List.of("""
                CREATE TRIGGER %s BEFORE INSERT ON occupancy_sample WHEN %s
                BEGIN SELECT RAISE(%s, '%s'); END""".formatted(name, condition, store ? "ROLLBACK" : "ABORT",
                        message)));
        return new RefusingTrigger(db, name);
    }

    /** Takes the trigger away. */
    public void drop() {
        execute(db, db.dialect() == Dialect.POSTGRESQL
                ? List.of("DROP TRIGGER " + name + " ON occupancy_sample", "DROP FUNCTION " + name + "()")
                : List.of("DROP TRIGGER " + name));
    }

    private static void execute(Database db, List<String> sql) {
        db.write(c -> {
            try (Statement st = c.createStatement()) {
                for (String each : sql) {
                    st.execute(each);
                }
            }
            return null;
        });
    }
}
