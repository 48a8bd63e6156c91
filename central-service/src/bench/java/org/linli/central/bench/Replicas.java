package org.linli.central.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One or more central services ({@link ServerProcess}) as a site deploys replicas: each with a data directory of its
 * own ({@code a}, {@code b}, … below the root) and its own port, all with the same resident secret (a file in the
 * root) and, from the first one, its signing key and demo credentials, copied to the others before they start (so they
 * do not seed the demo again). Several only make sense on one PostgreSQL database ({@code LINLI_DB_URL}); one is the
 * bench's service as before. CPU is that of all of them together.
 */
public final class Replicas implements AutoCloseable {
    private static final List<String> DEPLOYED = List.of("demo-credentials.properties", "signing-key.properties");
    private final List<ServerProcess> servers;
    private final List<Path> dataDirs;

    private Replicas(List<ServerProcess> servers, List<Path> dataDirs) {
        this.servers = servers;
        this.dataDirs = dataDirs;
    }

    /** {@code count} services on the database {@code dbUrl} names (null or blank: SQLite, and only one). */
    public static Replicas start(Path root, int count, String dbUrl) throws Exception {
        return start(root, count, List.of(), name -> dbUrl == null || dbUrl.isBlank() ? Map.of()
                : Map.of("LINLI_DB_URL", dbUrl));
    }

    /**
     * @param environment each replica's configuration, by its name ({@code a}, {@code b}, …)
     */
    public static Replicas start(Path root, int count, List<String> jvmOptions,
            Function<String, Map<String, String>> environment) throws Exception {
        List<ServerProcess> servers = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        Replicas replicas = new Replicas(servers, dirs);
        try {
            for (int i = 0; i < count; i++) {
                String name = String.valueOf((char) ('a' + i));
                Path dir = Files.createDirectories(root.resolve(name));
                if (i > 0) {
                    for (String file : DEPLOYED) {
                        Files.copy(dirs.getFirst().resolve(file), dir.resolve(file),
                                StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
                Map<String, String> env = new HashMap<>(environment.apply(name));
                env.putIfAbsent("LINLI_RESIDENTS_SECRET_FILE", root.resolve("resident.secret").toString());
                ServerProcess server = ServerProcess.start(dir, jvmOptions, env);
                servers.add(server);
                dirs.add(dir);
                System.out.println("server " + name + ": pid " + server.pid() + ", port " + server.port() + ", data "
                        + dir);
            }
            return replicas;
        } catch (Exception e) {
            replicas.close();
            throw e;
        }
    }

    public List<ServerProcess> servers() {
        return List.copyOf(servers);
    }

    public List<Integer> ports() {
        return servers.stream().map(ServerProcess::port).toList();
    }

    public List<Path> dataDirs() {
        return List.copyOf(dataDirs);
    }

    /** CPU time all the services have used so far (user + system). */
    public long cpuNanos() {
        return servers.stream().mapToLong(ServerProcess::cpuNanos).sum();
    }

    /** CPU time of all the services' JIT compiler threads so far. */
    public long compilerCpuNanos() {
        return servers.stream().mapToLong(ServerProcess::compilerCpuNanos).sum();
    }

    /** The services' resident sets together, in bytes. */
    public long rssBytes() {
        return servers.stream().mapToLong(ServerProcess::rssBytes).sum();
    }

    /** Stops them, the last started first. */
    @Override
    public void close() throws InterruptedException {
        for (ServerProcess server : servers.reversed()) {
            server.close();
        }
    }
}
