package se.gransnav.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Records deliveries in the tracking store from one writer thread, as many as have piled up per
 * database transaction, so that the delivery consumers never wait for the database: one commit per
 * delivered message cost the embedded database more than everything else the hub does with a file.
 *
 * <p>The record is informative: the message is on the förbund's queue before it is recorded. A
 * hub killed with records still waiting here (milliseconds' worth) shows those messages as ACCEPTED
 * although they were delivered (records wait at most 0.1 s to be written with others); a stopped hub writes everything first. When the queue of records
 * is full, delivery waits for the writer; when the database fails, the batch is logged as a count
 * and dropped, as a single record was before.
 */
@Component
public class DeliveryJournal implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryJournal.class);
    private static final int MAX_BATCH = 1000;
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    record Delivery(String trackingId, TrackingEvent event) {
    }

    private final TrackingRepository tracking;
    private final BlockingQueue<Delivery> waiting = new ArrayBlockingQueue<>(10_000);
    private volatile boolean running;
    private Thread writer;

    DeliveryJournal(TrackingRepository tracking) {
        this.tracking = tracking;
    }

    /** Records the delivery soon; waits only while the writer is 10,000 records behind. */
    public void delivered(String trackingId, TrackingEvent event) {
        try {
            waiting.put(new Delivery(trackingId, event));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Delivered {} but was interrupted before recording it", trackingId);
        }
    }

    /**
     * Records at once a step that changes no status, e.g. a webhook's DEAD_LETTERED (the message
     * stays DELIVERED: its queue has it). Rare, so not batched; a failure is logged.
     */
    public void step(String trackingId, TrackingEvent event) {
        try {
            tracking.addStep(trackingId, event);
        } catch (DataAccessException e) {
            log.warn("Could not record step {} of {} in tracking: {}", event.step(), trackingId,
                    e.getClass().getName());
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        writer = new Thread(this::write, "delivery-journal");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (writer != null) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writeWaiting();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops after the Camel routes (which deliver, also while they drain on SIGTERM) and before the
     * data source goes away. Spring stops the highest phase first: the web server's graceful
     * shutdown (MAX - 1024), its stop (MAX - 2048), Camel (MAX - 2049), then this.
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }

    private void write() {
        while (running) {
            try {
                Delivery first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Delivery> batch = new ArrayList<>();
                    batch.add(first);
                    // Gather for a moment: every commit costs the embedded database a write of
                    // its changed pages, whether it records one delivery or a thousand.
                    long until = System.nanoTime() + LINGER_NANOS;
                    while (batch.size() < MAX_BATCH && System.nanoTime() < until) {
                        Delivery next = waiting.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                        batch.add(next);
                        waiting.drainTo(batch, MAX_BATCH - batch.size());
                    }
                    record(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void writeWaiting() {
        List<Delivery> batch = new ArrayList<>();
        while (waiting.drainTo(batch, MAX_BATCH) > 0) {
            record(batch);
            batch = new ArrayList<>();
        }
    }

    private void record(List<Delivery> batch) {
        try {
            tracking.recordAll(TrackingStatus.DELIVERED,
                    batch.stream().map(d -> java.util.Map.entry(d.trackingId(), d.event())).toList());
        } catch (DataAccessException e) {
            log.warn("Delivered {} messages but could not record them in tracking: {}", batch.size(),
                    e.getClass().getName());
        }
    }
}
