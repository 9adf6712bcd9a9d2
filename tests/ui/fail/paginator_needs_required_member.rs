// `into_paginator()` exists only where `send()` does: once every required member is set.
fn main() {
    let config = pager::Config::builder().region("us-east-1").build();
    let client = pager::Client::new(config);
    let _pages = client.list_entries().into_paginator().send();
}
