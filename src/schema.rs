//! The JSON schema of a type as clients see it: a tool's input and output, a strategy's
//! parameters.

use schemars::{JsonSchema, generate::SchemaSettings};
use serde_json::{Map, Value};

/// The JSON schema of a type, inlined (no `$ref`), as an object map.
#[must_use]
pub fn schema_of<T: JsonSchema>() -> Map<String, Value> {
    let settings = SchemaSettings::draft2020_12().with(|s| {
        s.inline_subschemas = true;
        s.meta_schema = None;
    });
    let schema = settings.into_generator().into_root_schema_for::<T>();
    let mut map = match schema.to_value() {
        Value::Object(map) => map,
        other => {
            let mut m = Map::new();
            m.insert("type".into(), Value::String("object".into()));
            m.insert("default".into(), other);
            m
        }
    };
    map.remove("title");
    map.remove("$defs");
    map.entry("type")
        .or_insert_with(|| Value::String("object".into()));
    map
}
