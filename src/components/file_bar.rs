//! The file bar above the editor: a tab per file (`main.py` first), New, Rename and
//! Delete. The arrow keys move between the tabs; a double click renames.

use leptos::html;
use leptos::prelude::*;

use crate::controller::Controller;
use crate::workspace::MAIN;

/// A name being typed: for a new file, or to rename one.
#[derive(Clone, Debug, PartialEq)]
enum Naming {
    New,
    Rename(String),
}

/// `editable`: New, Rename and Delete are offered (not in a read-only widget).
#[component]
pub fn FileBar(editable: bool) -> impl IntoView {
    let controller = expect_context::<Controller>();
    let workspace = controller.state.workspace;
    let names = Memo::new(move |_| {
        workspace.with(|workspace| workspace.names().map(str::to_owned).collect::<Vec<_>>())
    });
    let active = Memo::new(move |_| workspace.with(|workspace| workspace.active().to_owned()));
    let naming = RwSignal::new(None::<Naming>);
    let refusal = RwSignal::new(None::<String>);
    let tabs = NodeRef::<html::Div>::new();

    let focus_tab = move |name: &str| {
        let selector = format!("[data-file=\"{}\"]", name.replace('"', "\\\""));
        if let Some(tab) = tabs
            .get_untracked()
            .and_then(|tabs| tabs.query_selector(&selector).ok().flatten())
            .and_then(|tab| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(tab).ok())
        {
            let _ = tab.focus();
        }
    };
    // ←/→ (and Home/End) bring the next file to the front, as in any tab list.
    let on_tab_key = move |event: web_sys::KeyboardEvent| {
        let list = names.get_untracked();
        let Some(position) = list.iter().position(|name| *name == active.get_untracked()) else {
            return;
        };
        let target = match event.key().as_str() {
            "ArrowRight" => (position + 1) % list.len(),
            "ArrowLeft" => (position + list.len() - 1) % list.len(),
            "Home" => 0,
            "End" => list.len() - 1,
            "F2" if editable && list[position] != MAIN => {
                naming.set(Some(Naming::Rename(list[position].clone())));
                event.prevent_default();
                return;
            }
            "Delete" if editable && list[position] != MAIN => {
                controller.delete_file(&list[position]);
                event.prevent_default();
                return;
            }
            _ => return,
        };
        event.prevent_default();
        controller.show_file(&list[target]);
        focus_tab(&list[target]);
    };

    let tab = move |name: String| {
        let selected = {
            let name = name.clone();
            move || active.get() == name
        };
        let shown = name.clone();
        let clicked = name.clone();
        let renamed = name.clone();
        view! {
            <button
                type="button"
                role="tab"
                class="file-tab"
                data-file=name.clone()
                aria-selected={
                    let selected = selected.clone();
                    move || selected().to_string()
                }
                tabindex=move || if selected() { "0" } else { "-1" }
                on:click=move |_| controller.show_file(&clicked)
                on:dblclick=move |_| {
                    if editable && renamed != MAIN {
                        naming.set(Some(Naming::Rename(renamed.clone())));
                    }
                }
            >
                {shown}
            </button>
        }
    };

    let finish_naming = move |typed: String| {
        let Some(what) = naming.get_untracked() else {
            return;
        };
        let result = match &what {
            Naming::New => controller.create_file(&typed),
            Naming::Rename(old) => controller.rename_file(old, &typed),
        };
        match result {
            Ok(()) => {
                naming.set(None);
                refusal.set(None);
                let front = active.get_untracked();
                focus_tab(&front);
            }
            Err(why) => refusal.set(Some(why)),
        }
    };
    let cancel_naming = move || {
        naming.set(None);
        refusal.set(None);
    };
    let on_name_key = move |event: web_sys::KeyboardEvent| match event.key().as_str() {
        "Enter" => {
            event.prevent_default();
            finish_naming(event_target_value(&event));
        }
        "Escape" => {
            event.prevent_default();
            cancel_naming();
            focus_tab(&active.get_untracked());
        }
        _ => {}
    };
    let name_editor = move || {
        naming.get().map(|what| {
            // A node of its own each time the field opens, to focus it when it is there.
            let name_field = NodeRef::<html::Input>::new();
            name_field.on_load(|field| {
                let _ = field.focus();
                field.select();
            });
            let (label, value) = match &what {
                Naming::New => ("Name of the new file (Enter to create, Escape to cancel)".to_owned(), String::new()),
                Naming::Rename(old) => (format!("New name for {old} (Enter to rename, Escape to cancel)"), old.clone()),
            };
            view! {
                <input
                    type="text"
                    class="file-name"
                    aria-label=label
                    placeholder="helper.py"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=value
                    node_ref=name_field
                    on:keydown=on_name_key
                    on:blur=move |_| {
                        // A refused name stays for the student to mend.
                        if refusal.get_untracked().is_none() {
                            cancel_naming();
                        }
                    }
                />
                {move || {
                    refusal
                        .get()
                        .map(|why| view! { <span class="file-name-refusal" role="alert">{why}</span> })
                }}
            }
        })
    };
    let front_is_main = move || active.get() == MAIN;
    let actions = editable.then(|| {
        view! {
            <button
                type="button"
                class="new-file"
                title="New file: a module to import, or data to read"
                on:click=move |_| {
                    refusal.set(None);
                    naming.set(Some(Naming::New));
                }
            >
                "+ New"
            </button>
            <button
                type="button"
                class="rename-file"
                title="Rename the file in front (F2)"
                disabled=front_is_main
                on:click=move |_| naming.set(Some(Naming::Rename(active.get_untracked())))
            >
                "Rename"
            </button>
            <button
                type="button"
                class="delete-file"
                title="Delete the file in front (Undo brings it back)"
                disabled=front_is_main
                on:click=move |_| controller.delete_file(&active.get_untracked())
            >
                "Delete"
            </button>
        }
    });
    view! {
        <div class="file-bar">
            <div
                class="file-tabs"
                role="tablist"
                aria-label="Files"
                node_ref=tabs
                on:keydown=on_tab_key
            >
                {move || names.get().into_iter().map(tab).collect_view()}
            </div>
            {name_editor}
            {actions}
        </div>
    }
}
