"""Co-development in the admin, for support staff: find a process, see its state and its records without a
shell. Every change of state goes through the services (rules, locks, audit), so the admin changes no stage,
status or decision; the families' survey answers, the documents and the invitations are read-only, and the
log-like records (running log, stage changes, reminders) cannot be changed at all."""

from __future__ import annotations

from django.contrib import admin

from .models import (
    ConsultationComment,
    ConsultationRound,
    DevelopmentProcess,
    DialogueRecord,
    Document,
    FollowUpMetric,
    FollowUpPoint,
    Hypothesis,
    Invitation,
    Milestone,
    ProcessUpdate,
    Proposal,
    Reminder,
    RootCause,
    StageChange,
    SubteamEvaluation,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    WorkLogEntry,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Sensitive or append-only content: readable by administrators, changed only through the pages."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StageChangeInline(ReadOnlyInline):
    model = StageChange
    fields = ["stage", "changed_at", "changed_by"]
    readonly_fields = fields


class WorkLogInline(ReadOnlyInline):
    model = WorkLogEntry
    fields = ["created_at", "created_by", "text"]
    readonly_fields = fields


@admin.register(DevelopmentProcess)
class DevelopmentProcessAdmin(admin.ModelAdmin):
    list_display = ["group", "phenomenon", "stage", "scope", "is_learning_network", "created_at", "closed_at"]
    list_filter = ["stage", "scope", "is_learning_network"]
    search_fields = ["group__name", "phenomenon__title"]
    list_select_related = ["group", "phenomenon"]
    date_hierarchy = "created_at"
    # SECURITY: stage, closing and the decision's links change only through the services.
    readonly_fields = [
        "phenomenon",
        "decision",
        "group",
        "scope",
        "stage",
        "is_learning_network",
        "follow_up_owner",
        "closed_at",
        "closing_summary",
        "created_at",
        "created_by",
    ]
    fields = [*readonly_fields[:3], "core_question", "working_method", *readonly_fields[3:]]
    inlines = [StageChangeInline, WorkLogInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ProcessChildAdmin(admin.ModelAdmin):
    list_select_related = ["process__group"]
    search_fields = ["process__group__name"]
    readonly_fields = ["process", "created_at", "created_by"]

    def has_add_permission(self, request):
        return False


@admin.register(Milestone)
class MilestoneAdmin(ProcessChildAdmin):
    list_display = ["title", "process", "due_on", "done_at"]
    search_fields = ["title", "process__group__name"]
    readonly_fields = [*ProcessChildAdmin.readonly_fields, "done_at"]


@admin.register(Hypothesis)
class HypothesisAdmin(ProcessChildAdmin):
    list_display = ["statement", "process", "status"]
    list_filter = ["status"]
    readonly_fields = [*ProcessChildAdmin.readonly_fields, "status"]


@admin.register(RootCause)
class RootCauseAdmin(ProcessChildAdmin):
    list_display = ["text", "process", "created_at"]


@admin.register(ProcessUpdate)
class ProcessUpdateAdmin(ProcessChildAdmin):
    list_display = ["title", "process", "is_public", "published_at"]
    list_filter = ["is_public"]
    search_fields = ["title", "process__group__name"]


@admin.register(DialogueRecord)
class DialogueRecordAdmin(ProcessChildAdmin):
    list_display = ["question", "process", "method", "held_on", "vulnerable_reached"]
    list_filter = ["method", "vulnerable_reached"]


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    # The file itself only through the workspace's download, which checks permission and logs the access.
    list_display = ["title", "process", "original_name", "content_type", "size", "created_at"]
    fields = ["process", "title", "original_name", "content_type", "size", "created_at", "created_by"]
    list_select_related = ["process__group"]
    search_fields = ["title", "original_name", "process__group__name"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    # The token hash is not shown: it is the key of the link.
    list_display = ["email", "process", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]
    fields = [
        "process",
        "email",
        "full_name",
        "role",
        "background",
        "created_at",
        "created_by",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "revoked_at",
    ]
    list_filter = ["role"]
    list_select_related = ["process__group"]
    search_fields = ["email", "process__group__name"]


class ConsultationCommentInline(ReadOnlyInline):
    model = ConsultationComment
    fields = ["created_at", "author", "group", "text"]
    readonly_fields = fields


@admin.register(ConsultationRound)
class ConsultationRoundAdmin(ProcessChildAdmin):
    list_display = ["title", "process", "deadline", "closed_at"]
    search_fields = ["title", "process__group__name"]
    readonly_fields = [*ProcessChildAdmin.readonly_fields, "groups", "document", "closed_at"]
    inlines = [ConsultationCommentInline]


class SurveyQuestionInline(ReadOnlyInline):
    model = SurveyQuestion
    fields = ["position", "kind", "text", "required"]
    readonly_fields = fields


@admin.register(Survey)
class SurveyAdmin(ProcessChildAdmin):
    list_display = ["title", "process", "status", "closes_at", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "process__group__name"]
    readonly_fields = [*ProcessChildAdmin.readonly_fields, "public_id", "status"]
    inlines = [SurveyQuestionInline]


class SurveyAnswerInline(ReadOnlyInline):
    model = SurveyAnswer
    fields = ["question", "scale_value", "choice_index", "text"]
    readonly_fields = fields


@admin.register(SurveyResponse)
class SurveyResponseAdmin(ReadOnlyAdmin):
    # The families' anonymous answers: read-only, nothing identifying is stored.
    list_display = ["survey", "language", "submitted_at"]
    list_filter = ["language"]
    list_select_related = ["survey"]
    inlines = [SurveyAnswerInline]


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["process", "created_at", "sent_at", "initiative"]
    list_select_related = ["process__group", "initiative"]


class FollowUpPointInline(ReadOnlyInline):
    model = FollowUpPoint
    fields = ["due_on", "value", "recorded_at", "recorded_by", "more_development_needed", "new_phenomenon"]
    readonly_fields = fields


@admin.register(FollowUpMetric)
class FollowUpMetricAdmin(ReadOnlyAdmin):
    list_display = ["name", "process", "unit", "baseline", "target", "owner"]
    list_select_related = ["process__group", "owner"]
    search_fields = ["name", "process__group__name"]
    inlines = [FollowUpPointInline]


@admin.register(SubteamEvaluation)
class SubteamEvaluationAdmin(ReadOnlyAdmin):
    list_display = ["text", "process", "subteam", "organisation", "value", "created_at"]
    list_select_related = ["process__group", "subteam"]
    search_fields = ["organisation", "process__group__name"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["key", "recipient", "due_at", "sent_at", "emailed_at"]
    list_select_related = ["recipient"]
    search_fields = ["key"]
