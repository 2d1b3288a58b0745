//! Form descriptions for the create request and each operation, rendered by the portal.
//! (placeholder: the portal helper fills this module)
