import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.concurrent.CountDownLatch;

/**
 * In-memory MongoDB wire-protocol server for the tests (mongo-java-server). Run as a Java 17 single-file
 * program: {@code java -cp 'lib/*' MongoTestServer.java <port>}. Data lives only as long as the process;
 * each test run uses a fresh database name, so nothing needs clearing between runs.
 */
public class MongoTestServer {
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 27018;
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", port);

        // SIGTERM (stop.sh) runs the shutdown hooks: close the listener so the port is freed at once.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            stopped.countDown();
        }, "mongo-test-server-shutdown"));

        // start.sh waits for the port, this line is for people reading the log.
        System.out.println("MongoTestServer ready on 127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }
}
