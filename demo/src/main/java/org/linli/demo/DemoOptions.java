package org.linli.demo;

import java.nio.file.Path;

/**
 * {@code ./linli demo}'s command line: {@code [--data DIR] [--port N] [--mqtt-port N] [--no-kiosk]}. A wrong one is
 * refused with a message that names the option, never with a stack trace.
 *
 * @param help {@code --help} or {@code -h} was given: print {@link #USAGE} and start nothing
 */
record DemoOptions(Path data, int httpPort, int mqttPort, boolean kiosk, boolean help) {
    static final String USAGE = "usage: ./linli demo [--data DIR] [--port N] [--mqtt-port N] [--no-kiosk]";

    /**
     * @param display whether this machine has a display (the kiosk starts only then)
     * @throws IllegalArgumentException naming the option that is wrong
     */
    static DemoOptions parse(String[] args, boolean display) {
        Path data = Path.of("data");
        int httpPort = 8080;
        int mqttPort = 1883;
        boolean kiosk = display;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--port" -> httpPort = port(value(args, ++i, "--port"), "--port");
                case "--mqtt-port" -> mqttPort = port(value(args, ++i, "--mqtt-port"), "--mqtt-port");
                case "--no-kiosk" -> kiosk = false;
                case "-h", "--help" -> {
                    return new DemoOptions(data, httpPort, mqttPort, kiosk, true);
                }
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (httpPort == mqttPort) {
            throw new IllegalArgumentException("--port and --mqtt-port must differ (both are " + httpPort + ")");
        }
        return new DemoOptions(data, httpPort, mqttPort, kiosk, false);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String text, String option) {
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a port number (1-65535), not '" + text + "'", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(option + " must be a port number (1-65535), not " + port);
        }
        return port;
    }
}
