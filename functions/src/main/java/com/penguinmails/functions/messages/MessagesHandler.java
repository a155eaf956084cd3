package com.penguinmails.functions.messages;

import com.penguinmails.core.paging.Cursors;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.PageView;
import com.penguinmails.functions.http.RequestBodies;
import com.penguinmails.functions.http.Routes;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.messages.Message;
import com.penguinmails.sending.messages.MessageService;
import com.penguinmails.sending.messages.Submission;
import com.penguinmails.sending.messages.SubmissionResult;
import com.penguinmails.sending.messages.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /v1/messages}: send one, send a batch (up to 1,000 recipients), show one with its timeline, list. */
public final class MessagesHandler extends HttpApiHandler {

    private final MessageService messages;

    public MessagesHandler() {
        this(Platform.fromEnvironment());
    }

    public MessagesHandler(Platform platform) {
        super(platform);
        this.messages = SendingWiring.messageService(platform);
    }

    record SendRequest(String from, String replyTo, String to, String subject, String html, String text, Map<String, String> variables,
                       Map<String, String> headers, List<String> tags, String campaignId, String ipPool, String mailbox, Instant sendAt,
                       Boolean trackOpens, Boolean trackClicks) {}

    record BatchRequest(String from, String replyTo, List<Submission.Recipient> recipients, String subject, String html, String text,
                        Map<String, String> headers, List<String> tags, String campaignId, String ipPool, String mailbox, Instant sendAt,
                        Boolean trackOpens, Boolean trackClicks) {}

    record TimelineView(String status, Instant at, String detail) {
        static TimelineView of(TimelineEntry e) {
            return new TimelineView(e.status().wireName(), e.at(), e.detail());
        }
    }

    record MessageView(String id, String to, String status, String campaignId, List<String> tags, String ipPool, String mailbox,
                       String sentThrough, String messageIdHeader, Instant sendAt, Instant createdAt, List<TimelineView> timeline) {
        static MessageView of(Message m) {
            return new MessageView(m.id(), m.to(), m.status().wireName(), m.campaignId(), m.tags(), m.pool(), m.mailbox(), m.resourceId(),
                    m.messageIdHeader(), m.sendAt(), m.createdAt(), m.timeline().stream().map(TimelineView::of).toList());
        }
    }

    record BatchView(long accepted, long rejected, List<SubmissionResult.Outcome> results) {}

    /** Every route this handler serves, bound to the method that serves it (RouteTablesTest holds it to the catalog). */
    public static final Routes<MessagesHandler> ROUTES = Routes.of(
            Map.entry("POST /v1/messages", MessagesHandler::send),
            Map.entry("POST /v1/messages/batch", MessagesHandler::sendBatch),
            Map.entry("GET /v1/messages/{id}", MessagesHandler::get),
            Map.entry("GET /v1/messages", MessagesHandler::list));

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse send(ApiRequest request) {
        SendRequest b = RequestBodies.read(request, SendRequest.class);
        Message message = messages.sendOne(request.principal().workspaceId(), new Submission(b.from(), b.replyTo(), b.subject(), b.html(), b.text(),
                b.headers(), List.of(new Submission.Recipient(b.to(), b.variables())), b.campaignId(), b.tags(), b.ipPool(),
                b.mailbox(), b.sendAt(), Boolean.TRUE.equals(b.trackOpens()), Boolean.TRUE.equals(b.trackClicks())));
        return ApiResponse.json(202, MessageView.of(message)).withHeader("Location", "/v1/messages/" + message.id());
    }

    private ApiResponse sendBatch(ApiRequest request) {
        BatchRequest b = RequestBodies.read(request, BatchRequest.class);
        SubmissionResult result = messages.sendBatch(request.principal().workspaceId(), new Submission(b.from(), b.replyTo(), b.subject(), b.html(),
                b.text(), b.headers(), b.recipients(), b.campaignId(), b.tags(), b.ipPool(), b.mailbox(), b.sendAt(),
                Boolean.TRUE.equals(b.trackOpens()), Boolean.TRUE.equals(b.trackClicks())));
        long accepted = result.acceptedCount();
        return ApiResponse.json(accepted == 0 ? 422 : 202, new BatchView(accepted, result.outcomes().size() - accepted, result.outcomes()));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(MessageView.of(messages.get(request.principal().workspaceId(), request.pathParameter("id"))));
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(PageView.of(messages.list(request.principal().workspaceId(), request.query("campaignId"), request.query("status"),
                Cursors.decode(request.query("cursor"), position -> Ids.looksLike("msg", position)), Cursors.limit(request.query("limit"), 50, 200)), MessageView::of));
    }
}
