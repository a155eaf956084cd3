package com.penguinmails.functions.members;

import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.apikeys.ApiKeyView;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.RequestBodies;
import com.penguinmails.functions.http.Routes;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.members.Member;
import com.penguinmails.identity.members.MemberService;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/members}: invite someone by email with a role, list and read members, change a role, remove a member
 * (their keys stop at once), send an invitation again; and {@code POST /v1/invitations/accept}, public, where the
 * invited person turns the token into their membership and first API key.
 */
public final class MembersHandler extends HttpApiHandler {

    public static final Routes<MembersHandler> ROUTES = Routes.of(
            Map.entry("POST /v1/members", MembersHandler::invite),
            Map.entry("GET /v1/members", MembersHandler::list),
            Map.entry("GET /v1/members/{id}", MembersHandler::get),
            Map.entry("PATCH /v1/members/{id}", MembersHandler::changeRole),
            Map.entry("DELETE /v1/members/{id}", MembersHandler::remove),
            Map.entry("POST /v1/members/{id}/resend", MembersHandler::resend),
            Map.entry("POST /v1/invitations/accept", MembersHandler::accept));

    private final MemberService members;

    public MembersHandler() {
        this(Platform.fromEnvironment());
    }

    public MembersHandler(Platform platform) {
        super(platform);
        this.members = IdentityWiring.memberService(platform);
    }

    record InviteRequest(String email, String name, String role) {}

    record RoleRequest(String role) {}

    record AcceptRequest(String token) {}

    record MemberView(String id, String email, String name, String role, String status, String invitedBy, Instant invitationExpiresAt,
                      Instant createdAt, Instant updatedAt, List<String> scopes) {
        static MemberView of(Member m) {
            return new MemberView(m.id(), m.email(), m.name(), m.role().wireName(), m.status().wireName(), m.invitedBy(),
                    m.invitationExpiresAt(), m.createdAt(), m.updatedAt(), m.role().scopes());
        }
    }

    record InvitationView(MemberView member, String invitationToken) {}

    record AcceptedView(MemberView member, ApiKeyView apiKey) {}

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse invite(ApiRequest request) {
        InviteRequest body = RequestBodies.read(request, InviteRequest.class);
        MemberService.Invitation invitation = members.invite(request.caller(), body.email(), body.name(), body.role());
        return ApiResponse.created(new InvitationView(MemberView.of(invitation.member()), invitation.token()))
                .withHeader("Location", "/v1/members/" + invitation.member().id());
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(Map.of("data", members.list(request.principal()).stream().map(MemberView::of).toList()));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(MemberView.of(members.get(request.principal(), request.pathParameter("id"))));
    }

    private ApiResponse changeRole(ApiRequest request) {
        RoleRequest body = RequestBodies.read(request, RoleRequest.class);
        return ApiResponse.ok(MemberView.of(members.changeRole(request.caller(), request.pathParameter("id"), body.role())));
    }

    private ApiResponse remove(ApiRequest request) {
        return ApiResponse.ok(MemberView.of(members.remove(request.caller(), request.pathParameter("id"))));
    }

    private ApiResponse resend(ApiRequest request) {
        MemberService.Invitation invitation = members.resend(request.caller(), request.pathParameter("id"));
        return ApiResponse.ok(new InvitationView(MemberView.of(invitation.member()), invitation.token()));
    }

    private ApiResponse accept(ApiRequest request) {
        AcceptRequest body = RequestBodies.read(request, AcceptRequest.class);
        MemberService.Accepted accepted = members.accept(body.token(), request.sourceIp());
        return ApiResponse.ok(new AcceptedView(MemberView.of(accepted.member()), ApiKeyView.of(accepted.key())));
    }
}
