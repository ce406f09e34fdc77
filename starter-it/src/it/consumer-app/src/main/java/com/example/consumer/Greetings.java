package com.example.consumer;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.cupnet.spring.annotation.MessageListener;
import org.springframework.stereotype.Component;

/** Receives the type 7 messages of this node's peers. */
@Component
public class Greetings {

    public static final int GREETING = 7;

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    @MessageListener(types = GREETING)
    public void greet(String body) {
        this.received.add(body);
    }

    public BlockingQueue<String> received() {
        return this.received;
    }

}
