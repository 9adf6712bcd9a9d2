use gamesparks::types::DeploymentState;

fn main() {
    let state = DeploymentState::Pending;
    match state {
        DeploymentState::Pending => {}
        DeploymentState::InProgress => {}
        DeploymentState::Completed => {}
        DeploymentState::Failed => {}
    }
}
