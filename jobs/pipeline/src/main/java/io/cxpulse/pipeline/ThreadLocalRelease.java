package io.cxpulse.pipeline;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the job's {@code main} is done, drops the thread-local values that job classes left on the
 * cluster's own threads, so that their class loaders (and their 15-20 MB of classes each) can be
 * unloaded: at most the last job's stay until the next submission.
 *
 * <p>Why: Avro keeps a thread-local name validator ({@code Schema.VALIDATE_NAMES}); the first
 * schema parsed on a JobManager pool thread (a REST submission runs {@code main} on one, the job's
 * start deserializes its graph on others) leaves an entry on that long-lived thread whose value
 * is an instance of a class of the job jar. That entry holds the job's class loader for as long as
 * the thread lives: each submission kept its classes, and after about 25 submissions the
 * JobManager died with {@code OutOfMemoryError: Metaspace}. Jackson's buffer recycler (the YAML
 * configuration is parsed in {@code main}) does the same through a soft reference, which only
 * memory pressure clears.
 * Avro is in the job jar (nothing of CX Pulse goes on the cluster's classpath), so the job clears
 * what it left. It needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}, which Flink's
 * scripts and images give every cluster JVM; without it, it logs a warning and does nothing.
 */
final class ThreadLocalRelease {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadLocalRelease.class);

    private ThreadLocalRelease() {}

    /** Run when {@code main} is done: what it left, and what earlier jobs' starts left. */
    static void releaseAfterMain() {
        try {
            int released = release(ThreadLocalRelease.class.getClassLoader());
            LOG.info("Job main done: released {} thread-local values of its classes", released);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Job main done: could not release its thread-local values ({})", e.toString());
        }
    }

    /** Clears every thread-local entry, on any thread, whose value or key is of a class {@code loader} loaded. */
    static int release(ClassLoader loader) throws ReflectiveOperationException {
        Field threadLocals = Thread.class.getDeclaredField("threadLocals");
        threadLocals.setAccessible(true);
        int released = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            Object map = threadLocals.get(thread);
            if (map == null) {
                continue;
            }
            Field tableField = map.getClass().getDeclaredField("table");
            tableField.setAccessible(true);
            for (Object entry : (Object[]) tableField.get(map)) {
                if (entry == null) {
                    continue;
                }
                Field valueField = entry.getClass().getDeclaredField("value");
                valueField.setAccessible(true);
                Object value = valueField.get(entry);
                Object key = ((Reference<?>) entry).get();
                if (loadedBy(value, loader) || loadedBy(key, loader) || isJobLibraryCache(value)) {
                    // A cleared key makes the entry stale: the thread's map drops it on its next use
                    // (as when the key is collected) and a get() there starts from the initial value.
                    // The key first, so that the owning thread does not find it with its value gone.
                    ((Reference<?>) entry).clear();
                    valueField.set(entry, null);
                    released++;
                }
            }
        }
        return released;
    }

    /**
     * A cached value of Avro or Jackson (the latter held through a soft reference) loaded by any
     * job's class loader: the job's classes are loaded once to run {@code main} and again, by
     * another loader, to run the job (whose start leaves entries on other pool threads, which the
     * next submission's {@code main} clears). Dropping one of a job still running costs it
     * nothing: the library sets its default or a new buffer again on the next use. (A job status
     * hook cannot do it at the job's end: the REST API deserializes the job's hooks before it has
     * the job's jar, so {@code flink run} would fail.)
     */
    private static boolean isJobLibraryCache(Object value) {
        Object cached = value instanceof Reference<?> reference ? reference.get() : value;
        if (cached == null) {
            return false;
        }
        String name = cached.getClass().getName();
        if (!name.startsWith("org.apache.avro.") && !name.startsWith("com.fasterxml.jackson.")) {
            return false;
        }
        ClassLoader loader = cached.getClass().getClassLoader();
        return loader != null && loader.getClass().getName().startsWith("org.apache.flink.");
    }

    private static boolean loadedBy(Object o, ClassLoader loader) {
        return o != null && o.getClass().getClassLoader() == loader;
    }
}
