package org.gatewatch.natives;

/**
 * Loads native libraries through JavaCPP with the calling thread's context class loader set to JavaCPP's own (Tomcat's
 * shared lib/ loader). Threads JavaCPP starts while loading (its deallocator) inherit that context loader; with the
 * webapp's, they would pin it after an undeploy and Tomcat would report a leak.
 */
public final class JavaCppLoading {

    private JavaCppLoading() {
    }

    /**
     * Runs {@code load} so; the thread's own context loader is restored after.
     *
     * @throws ClassNotFoundException when JavaCPP is not on the class path at all
     */
    public static void run(Runnable load) throws ClassNotFoundException {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        Class<?> loader = Class.forName("org.bytedeco.javacpp.Loader");
        try {
            current.setContextClassLoader(loader.getClassLoader());
            load.run();
        } finally {
            current.setContextClassLoader(previous);
        }
    }
}
