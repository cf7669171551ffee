//! The JSON schema of a type as clients see it: a tool's input and output, a strategy's
//! parameters.

pub mod compact;

use schemars::{JsonSchema, generate::SchemaSettings};
use serde_json::{Map, Value};

/// The JSON schema of a type, inlined (no `$ref`), as an object map.
#[must_use]
pub fn schema_of<T: JsonSchema>() -> Map<String, Value> {
    schema_with(true, schemars_root::<T>)
}

/// The JSON schema of a type with each named type defined once under `$defs`, as the input of
/// [`compact`].
#[must_use]
pub fn schema_with_definitions<T: JsonSchema>() -> Map<String, Value> {
    schema_with(false, schemars_root::<T>)
}

fn schemars_root<T: JsonSchema>(settings: SchemaSettings) -> Value {
    settings
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

fn schema_with(inline: bool, generate: fn(SchemaSettings) -> Value) -> Map<String, Value> {
    let settings = SchemaSettings::draft2020_12().with(|s| {
        s.inline_subschemas = inline;
        s.meta_schema = None;
    });
    let mut map = match generate(settings) {
        Value::Object(map) => map,
        other => {
            let mut m = Map::new();
            m.insert("type".into(), Value::String("object".into()));
            m.insert("default".into(), other);
            m
        }
    };
    map.remove("title");
    if inline {
        map.remove("$defs");
    }
    map.entry("type")
        .or_insert_with(|| Value::String("object".into()));
    map
}
