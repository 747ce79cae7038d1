"""Forms of the influencer network: shape of the input only; the services enforce the rules."""

from .calls import CallForm, NominationDecisionForm, NominationForm
from .glossary import GoalForm, TermChangeForm
from .matters import MatterDocumentForm, MatterForm, ResponseForm, StatementForm
from .members import AcceptNewAccountForm, MemberForm, RepresentativeForm
from .proposals import ForwardForm, ProposalFeedbackForm, ProposalForm

__all__ = [
    "AcceptNewAccountForm",
    "CallForm",
    "ForwardForm",
    "GoalForm",
    "MatterDocumentForm",
    "MatterForm",
    "MemberForm",
    "NominationDecisionForm",
    "NominationForm",
    "ProposalFeedbackForm",
    "ProposalForm",
    "RepresentativeForm",
    "ResponseForm",
    "StatementForm",
    "TermChangeForm",
]
