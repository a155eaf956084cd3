package com.penguinmails.campaigns.outreach;

import com.penguinmails.identity.approvals.ActionRunner;
import com.penguinmails.identity.approvals.Approval;

/** Runs the campaign actions an approval allowed, with the parameters that were approved. */
public final class CampaignActions implements ActionRunner {

    private final CampaignService campaigns;

    public CampaignActions(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public String run(Approval approval) {
        return switch (approval.action()) {
            case CAMPAIGN_LAUNCH -> {
                CampaignService.Launch launch = campaigns.launchApproved(approval.workspaceId(), approval.parameters().get("campaignId"),
                        approval.id());
                yield "Launched campaign " + launch.campaign().id() + ": " + launch.enrolled() + " contacts enrolled";
            }
        };
    }
}
