package io.liveinsight.local.tracker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A byte-for-byte TCP relay on a loopback port in front of the edge, which a test can take down (the port refuses
 * connections and open ones are cut, as when the edge is stopped) and bring back on the same port.
 */
final class EdgeGate implements AutoCloseable {

    private final InetSocketAddress edge;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final int port;
    private volatile ServerSocket listening;

    private EdgeGate(InetSocketAddress edge) throws IOException {
        this.edge = edge;
        this.listening = listen(0);
        this.port = listening.getLocalPort();
    }

    static EdgeGate start(URI edge) throws IOException {
        return new EdgeGate(new InetSocketAddress(edge.getHost(), edge.getPort()));
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Refuses new connections and cuts the open ones. */
    synchronized void down() throws IOException {
        if (listening != null) {
            listening.close();
            listening = null;
        }
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    synchronized void up() throws IOException {
        if (listening == null) {
            listening = listen(port);
        }
    }

    private ServerSocket listen(int onPort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 64);
        Thread.ofVirtual().name("edge-gate-accept").start(() -> accept(server));
        return server;
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(edge.getAddress(), edge.getPort());
                open.add(client);
                open.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                // closed by down(), or the edge refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        down();
    }
}
