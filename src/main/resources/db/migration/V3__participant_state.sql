-- What the hub must remember about participants between messages, under the pseudonymous
-- participant reference only (never an identity number, name or free text).

-- A participant who has withdrawn consent to a förbund (contract section 3, HUB-009). The row
-- names the withdrawing message (partner and the partner's messageId) so that a resend of that
-- very message is still a duplicate and not a rejection. A new REFERRAL with consent deletes it.
create table participant_consent (
    forbund_id      varchar(64)  not null,
    participant_ref varchar(64)  not null,
    partner_id      varchar(64)  not null,
    message_id      varchar(100) not null,
    withdrawn_at    timestamp with time zone not null,
    constraint pk_participant_consent primary key (forbund_id, participant_ref)
);

-- SIP meetings the hub has forwarded, so that a RESCHEDULED or CANCELLED notice about a meeting
-- it has not seen can be flagged in the tracking journey. The key is a SHA-256 of the partner and
-- the partner's meetingId: the hub needs to recognise a meeting, not to know its id.
create table sip_meeting (
    meeting_key     varchar(64)  not null primary key,
    forbund_id      varchar(64)  not null,
    status          varchar(16)  not null,
    updated_at      timestamp with time zone not null
);
