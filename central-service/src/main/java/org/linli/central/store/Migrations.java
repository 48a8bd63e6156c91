package org.linli.central.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings a database's schema up to date with Flyway, which runs once, at start. Flyway's ~300 classes (and the
 * lambdas and method handles they make) are loaded by a class loader of their own, on a thread of its own, so that
 * once the program {@linkplain #release() releases} that loader nothing holds them: the next full collection unloads
 * them and gives their metaspace back (~4 MB that a service would otherwise keep for weeks; README.md: benchmarks,
 * ingest, eighth round). Until then the loader serves every database opened: the tests open hundreds in one JVM, and a
 * fresh loader each time (its classes defined, verified and run cold again) costs ~0.2 s more per database.
 */
public final class Migrations {
    /** What the throwaway loader defines itself; everything else (the JDK, JDBC drivers, slf4j) it asks its parent. */
    private static final String[] OWN = {"org.flywaydb.", Migrations.class.getName()};

    private static final Object LOCK = new Object();
    /** The loader Flyway runs in until {@link #release()}; guarded by {@link #LOCK}. */
    private static Isolated kept;

    private Migrations() {
    }

    /**
     * Lets go of the loader Flyway ran in, so that the next full collection unloads its classes (the central service's
     * {@code Main} does, once it has started); a later {@link #migrate} makes a new one.
     */
    public static void release() {
        synchronized (LOCK) {
            kept = null;
        }
    }

    /**
     * Applies the migrations under {@code location} ({@code classpath:db/migration}); a migration applied after a
     * later one is applied rather than refused (features are built in parallel with version ranges of their own).
     */
    public static void migrate(DataSource dataSource, String location) {
        Isolated loader;
        synchronized (LOCK) {
            if (kept == null) {
                kept = new Isolated(Migrations.class.getClassLoader());
            }
            loader = kept;
        }
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                loader.loadClass(Migrations.class.getName())
                        .getMethod("run", DataSource.class, String.class)
                        .invoke(null, dataSource, location);
            } catch (InvocationTargetException e) {
                failed.set(e.getCause());
            } catch (ReflectiveOperationException | RuntimeException | Error e) {
                failed.set(e);
            }
        }, "linli-migrations");
        // Flyway finds its plugins (SQLite, PostgreSQL) through the context class loader
        thread.setContextClassLoader(loader);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while the database's schema was brought up to date", e);
        }
        Throwable failure = failed.get();
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            // Flyway's exceptions say what failed (a migration that no longer matches its checksum, a SQL error);
            // the service does not start then, so holding the throwaway loader through them costs nothing
            throw new StoreException(failure.getMessage(), failure);
        }
    }

    /** Runs in the throwaway loader (called reflectively by {@link #migrate}). */
    public static void run(DataSource dataSource, String location) {
        Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(location)
                .outOfOrder(true)
                .load()
                .migrate();
    }

    /** Defines the {@link #OWN} classes itself from its parent's class files, child first; asks its parent the rest. */
    static final class Isolated extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        Isolated(ClassLoader parent) {
            super("linli-migrations", parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!own(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            String file = name.replace('.', '/') + ".class";
            try (InputStream in = getParent().getResourceAsStream(file)) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        private static boolean own(String name) {
            for (String prefix : OWN) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }
}
