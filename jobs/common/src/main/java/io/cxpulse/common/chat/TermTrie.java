package io.cxpulse.common.chat;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The terms of one word list (Chinese terms, or English phrases with their single spaces) as a
 * character trie, so that finding the longest listed term at a position walks the text once
 * instead of cutting and hashing a substring for every candidate length. Immutable after construction; each node keeps its children's characters
 * sorted in an array (no boxing of characters on the hot path).
 */
final class TermTrie implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final char[] NO_KEYS = new char[0];
    private static final Node[] NO_CHILDREN = new Node[0];

    private static final class Node implements Serializable {
        private static final long serialVersionUID = 1L;

        char[] keys = NO_KEYS;
        Node[] children = NO_CHILDREN;
        boolean terminal;

        Node child(char c) {
            int i = Arrays.binarySearch(keys, c);
            return i >= 0 ? children[i] : null;
        }
    }

    private final Node root;

    TermTrie(Collection<String> terms) {
        this.root = build(terms, 0);
    }

    /**
     * The length of the longest listed term that starts at {@code at} in {@code text} and whose
     * end (exclusive index) {@code acceptEnd} accepts; 0 when there is none.
     */
    int longestAt(CharSequence text, int at, IntPredicate acceptEnd) {
        Node node = root;
        int best = 0;
        for (int j = at; j < text.length(); j++) {
            node = node.child(text.charAt(j));
            if (node == null) {
                break;
            }
            if (node.terminal && acceptEnd.test(j + 1)) {
                best = j + 1 - at;
            }
        }
        return best;
    }

    /** The node for the terms' characters from {@code depth} on, children built depth first. */
    private static Node build(Collection<String> terms, int depth) {
        Node node = new Node();
        Map<Character, List<String>> byNext = new TreeMap<>();
        for (String term : terms) {
            if (term.length() == depth) {
                node.terminal = true;
            } else {
                byNext.computeIfAbsent(term.charAt(depth), c -> new ArrayList<>()).add(term);
            }
        }
        node.keys = new char[byNext.size()];
        node.children = new Node[byNext.size()];
        int i = 0;
        for (Map.Entry<Character, List<String>> e : byNext.entrySet()) {
            node.keys[i] = e.getKey();
            node.children[i] = build(e.getValue(), depth + 1);
            i++;
        }
        return node;
    }
}
