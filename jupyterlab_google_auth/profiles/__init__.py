"""Named profiles: several Google identities side by side in one home, one of them active.

store (where they live), naming (what a name may be), describe (what a pair of files holds),
migration (existing credentials become the first profile), switching, adding (from a sign-in,
a key, the ambient account), impersonation (acting as a service account), listing (GET
profiles), signing_out. docs/ARCHITECTURE.md has the big picture.
"""
