package com.penguinmails.functions.http;

import com.penguinmails.core.paging.Cursors;
import com.penguinmails.core.paging.Page;
import java.util.List;
import java.util.function.Function;

/** The shape of every list response: {@code {"data": [...], "nextCursor": "..."}} (no nextCursor on the last page). */
public record PageView<T>(List<T> data, String nextCursor) {

    public static <D, T> PageView<T> of(Page<D> page, Function<D, T> view) {
        return new PageView<>(page.items().stream().map(view).toList(), Cursors.encode(page.nextCursor()));
    }
}
