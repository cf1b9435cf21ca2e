//! The editor's requests, each answered by its feature's module from the map as last
//! checked: parameters read, the answer or the reason for refusing it sent back.

use lsp_server::{Connection, ErrorCode, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::{
    CodeActionRequest, Completion, GotoDefinition, HoverRequest, PrepareRenameRequest, References,
    Rename, Request as _,
};
use serde_json::Value;

use super::snapshot::Snapshot;
use super::{actions, completion, definition, hover, rename};

/// The answer to a request; on a map that could not be read, an empty one.
pub(super) fn answer(
    snapshot: Option<&Snapshot>,
    connection: &Connection,
    request: Request,
) -> Response {
    match request.method.as_str() {
        GotoDefinition::METHOD => on::<GotoDefinition>(request, snapshot, |s, p| {
            let (found, said) = definition::definition(s, &p);
            // A built-in name has nowhere to go: the user is told what it is instead.
            if let Some(said) = said {
                show(connection, &said);
            }
            json(found)
        }),
        References::METHOD => {
            on::<References>(request, snapshot, |s, p| json(definition::references(s, &p)))
        }
        Completion::METHOD => {
            on::<Completion>(request, snapshot, |s, p| json(completion::complete(s, &p)))
        }
        HoverRequest::METHOD => {
            on::<HoverRequest>(request, snapshot, |s, p| json(hover::hover(s, &p)))
        }
        PrepareRenameRequest::METHOD => on::<PrepareRenameRequest>(request, snapshot, |s, p| {
            let occurrence = rename::renamable(s, &p)?;
            json(lsp_types::PrepareRenameResponse::RangeWithPlaceholder {
                range: s.range(occurrence.span),
                placeholder: occurrence.target.own_id().to_owned(),
            })
        }),
        Rename::METHOD => on::<Rename>(request, snapshot, |s, p| json(rename::rename(s, &p)?)),
        CodeActionRequest::METHOD => {
            on::<CodeActionRequest>(request, snapshot, |s, p| json(actions::actions(s, &p)))
        }
        method => {
            let message = format!("datacarto lsp does not answer {method}");
            Response::new_err(request.id, ErrorCode::MethodNotFound as i32, message)
        }
    }
}

/// Reads a request's parameters and answers with `handle`'s result; `Err(why)` refuses
/// the request, and the editor shows why. Parameters that are not what the protocol says
/// are refused too, and the server goes on serving.
fn on<R: lsp_types::request::Request>(
    request: Request,
    snapshot: Option<&Snapshot>,
    handle: impl FnOnce(&Snapshot, R::Params) -> Result<Value, String>,
) -> Response {
    let id = request.id.clone();
    let params = match request.extract::<R::Params>(R::METHOD) {
        Ok((_, params)) => params,
        Err(err) => {
            let message = format!("the editor's {} request is not valid: {err:?}", R::METHOD);
            return Response::new_err(id, ErrorCode::InvalidParams as i32, message);
        }
    };
    let Some(snapshot) = snapshot else { return Response::new_ok(id, Value::Null) };
    match handle(snapshot, params) {
        Ok(value) => Response::new_ok(id, value),
        Err(why) => Response::new_err(id, ErrorCode::RequestFailed as i32, why),
    }
}

fn json(value: impl serde::Serialize) -> Result<Value, String> {
    serde_json::to_value(value).map_err(|err| err.to_string())
}

/// A message the editor shows its user; a closed connection is noticed by the main loop.
fn show(connection: &Connection, message: &str) {
    let params = lsp_types::ShowMessageParams {
        typ: lsp_types::MessageType::INFO,
        message: message.to_owned(),
    };
    let method = lsp_types::notification::ShowMessage::METHOD.to_owned();
    let _ = connection.sender.send(Notification::new(method, params).into());
}
