package com.penguinmails.campaigns.wiring;

import com.penguinmails.campaigns.activity.ActivityFeed;
import com.penguinmails.campaigns.activity.internal.DynamoDbActivityStore;
import com.penguinmails.campaigns.contacts.ContactService;
import com.penguinmails.campaigns.contacts.internal.DynamoDbContactStore;
import com.penguinmails.campaigns.definition.CampaignStore;
import com.penguinmails.campaigns.definition.internal.DynamoDbCampaignStore;
import com.penguinmails.campaigns.outreach.CampaignActions;
import com.penguinmails.campaigns.outreach.CampaignService;
import com.penguinmails.campaigns.outreach.DueSteps;
import com.penguinmails.campaigns.outreach.EnrollmentStore;
import com.penguinmails.campaigns.outreach.SequenceEvents;
import com.penguinmails.campaigns.outreach.Sequencer;
import com.penguinmails.campaigns.outreach.StepSender;
import com.penguinmails.campaigns.outreach.internal.DynamoDbDueSteps;
import com.penguinmails.campaigns.outreach.internal.DynamoDbEnrollmentStore;
import com.penguinmails.campaigns.outreach.internal.MessageStepSender;
import com.penguinmails.core.CoreWiring;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.approvals.ActionRunner;
import com.penguinmails.identity.approvals.ApprovalService;
import com.penguinmails.sending.SendingWiring;

/** Builds contacts, campaigns and the sequencer from a {@link Platform}. */
public final class CampaignsWiring {

    /** Due steps one sequencer run handles at most; the rest wait for the next minute's run. */
    static final int SEQUENCER_BUDGET = 2_000;

    private CampaignsWiring() {
    }

    public static ContactService contacts(Platform platform) {
        return new ContactService(new DynamoDbContactStore(platform.dynamoDb(), platform.tableName("contacts")), platform.clock());
    }

    /** Campaigns whose launches ask for approval where a policy says so (deciding approvals is {@link #approvals}'). */
    public static CampaignService campaigns(Platform platform) {
        return new CampaignService(campaignStore(platform), enrollments(platform), calendar(platform), contacts(platform),
                SendingWiring.sendingResources(platform), IdentityWiring.approvalService(platform, ActionRunner.NONE), activity(platform),
                platform.clock());
    }

    /** Activity feeds and comments of campaigns and approval requests. */
    public static ActivityFeed activity(Platform platform) {
        return new ActivityFeed(new DynamoDbActivityStore(platform.dynamoDb(), platform.tableName("activity")), platform.clock());
    }

    /** Approvals that run the approved campaign actions (a launch that waited for approval runs here, once). */
    public static ApprovalService approvals(Platform platform) {
        return IdentityWiring.approvalService(platform, new CampaignActions(campaigns(platform)));
    }

    public static Sequencer sequencer(Platform platform) {
        return new Sequencer(campaignStore(platform), enrollments(platform), calendar(platform), contacts(platform), sender(platform),
                SendingWiring.sendingResources(platform), platform.clock(), SEQUENCER_BUDGET);
    }

    public static SequenceEvents sequenceEvents(Platform platform) {
        return new SequenceEvents(campaignStore(platform), enrollments(platform), calendar(platform), contacts(platform), platform.clock());
    }

    private static CampaignStore campaignStore(Platform platform) {
        return new DynamoDbCampaignStore(platform.dynamoDb(), platform.tableName("campaigns"));
    }

    private static EnrollmentStore enrollments(Platform platform) {
        return new DynamoDbEnrollmentStore(platform.dynamoDb(), platform.tableName("enrollments"));
    }

    private static DueSteps calendar(Platform platform) {
        return new DynamoDbDueSteps(platform.dynamoDb(), platform.tableName("sequence-due"));
    }

    private static StepSender sender(Platform platform) {
        return new MessageStepSender(SendingWiring.messageService(platform), CoreWiring.idempotencyStore(platform), platform.clock());
    }
}
