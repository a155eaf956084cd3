package com.penguinmails.analytics.funnel;

import com.penguinmails.core.paging.Page;
import java.util.Map;

/** One campaign's funnel across channels: in total, per channel, and a page of its contacts. */
public record FunnelReport(String campaignId, FunnelCounts totals, Map<String, FunnelCounts> byChannel, Page<FunnelContact> contacts) {
}
