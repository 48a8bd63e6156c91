package org.linli.e2e.soak;

import com.sun.tools.attach.VirtualMachine;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java heap in use right after a full collection, in the soak's other JVMs: what a program really keeps, which
 * is what grows when something leaks (the heap in use at a random moment mostly says when the last collection was).
 * Each sample attaches as {@code jcmd} does and runs {@code GC.run}, then {@code GC.heap_info}. Not JMX: the central
 * service refuses to deserialize what a JMX client sends (its serialization filter), and a JMX agent would add
 * threads of its own to every program it watches.
 *
 * <p>The attach API's {@code executeJCmd} is not exported: the soak runs itself again with
 * {@code --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED} ({@link #JVM_FLAG}).
 */
final class JvmHeaps {
    static final String JVM_FLAG = "--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED";
    /** The heap's summary lines (G1's whole heap, or each generation of the serial and parallel collectors). */
    private static final Pattern HEAP_LINE = Pattern.compile(
            "^ ?(?!Metaspace)\\S[^\\n]*\\btotal\\b[^\\n]*\\bused (\\d+)K", Pattern.MULTILINE);

    /** @return kB in use after a full collection, or -1 when the JVM cannot be asked (it has ended) */
    long afterGcKb(long pid) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                Method jcmd = vm.getClass().getMethod("executeJCmd", String.class);
                run(jcmd, vm, "GC.run");
                String info = run(jcmd, vm, "GC.heap_info");
                long used = 0;
                Matcher line = HEAP_LINE.matcher(info);
                while (line.find()) {
                    used += Long.parseLong(line.group(1));
                }
                return used > 0 ? used : -1;
            } finally {
                vm.detach();
            }
        } catch (Exception | LinkageError e) {
            return -1;
        }
    }

    private static String run(Method jcmd, VirtualMachine vm, String command) throws Exception {
        try (InputStream answer = (InputStream) jcmd.invoke(vm, command)) {
            return new String(answer.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
